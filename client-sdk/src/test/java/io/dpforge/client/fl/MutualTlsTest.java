package io.dpforge.client.fl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.server.CoordinatorServer;
import io.dpforge.federated.strategy.StalenessFunction;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import io.dpforge.federated.wire.TlsFiles;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client and the coordinator over real mutual TLS on loopback (ECDSA P-256 test certificates). */
class MutualTlsTest {

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
      boolean ca) throws Exception {
    Date from = new Date(System.currentTimeMillis() - 60_000);
    Date to = new Date(System.currentTimeMillis() + 3_600_000);
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
        BigInteger.valueOf(System.nanoTime()), from, to, new X500Name("CN=" + subject), subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (!ca) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  private static void pem(Path file, Object o) throws Exception {
    try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : o);
    }
  }

  @Test
  void aClientWithACertificateTrainsAndOneWithoutIsRefused(@TempDir Path dir) throws Exception {
    KeyPair caKeys = keyPair();
    X509Certificate ca = sign("test-ca", caKeys, "test-ca", caKeys.getPrivate(), true);
    KeyPair serverKeys = keyPair();
    KeyPair clientKeys = keyPair();
    pem(dir.resolve("ca.pem"), ca);
    pem(dir.resolve("server.pem"), sign("localhost", serverKeys, "test-ca", caKeys.getPrivate(), false));
    pem(dir.resolve("server.key"), serverKeys.getPrivate());
    pem(dir.resolve("client.pem"), sign("site-1", clientKeys, "test-ca", caKeys.getPrivate(), false));
    pem(dir.resolve("client.key"), clientKeys.getPrivate());

    Coordinator c = Coordinator.builder(Strategy.fedBuff(1, WeightRule.IDENTICAL, new StalenessFunction.Constant()),
        new double[8]).build();
    try (CoordinatorServer server = CoordinatorServer.builder(c).port(0)
        .tls(TlsFiles.fromDirectory(dir, "server")).build().start()) {
      String target = "localhost:" + server.port();
      try (FederatedClient ok = FederatedClient.builder().target(target).clientId("site-1")
          .tls(TlsFiles.fromDirectory(dir, "client")).build()) {
        GlobalModel m = ok.fetchModel(new ModelVersion(0, 0)).orElseThrow();
        float[] delta = new float[8];
        java.util.Arrays.fill(delta, 0.5f);
        assertEquals(SubmitReceipt.Outcome.ACCEPTED, ok.submit(m, new LocalUpdate(delta, 1)).outcome());
        assertEquals(0.5f, c.currentModel().values()[3]);
      }
      RetryPolicy twice = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(20), 2, 2);
      try (FederatedClient anonymous = FederatedClient.builder().target(target).clientId("intruder").retry(twice)
          .tls(new TlsFiles(dir.resolve("ca.pem"), Optional.empty(), Optional.empty())).build()) {
        CoordinatorUnavailableException e = assertThrows(CoordinatorUnavailableException.class, anonymous::register);
        assertTrue(e.getMessage().contains("UNAVAILABLE"), e.getMessage());
      }
      assertEquals(1, c.status().registeredClients());
    }
  }
}
