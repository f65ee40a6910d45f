package io.dpforge.federated.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.data.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificatesTest {
  @TempDir
  Path tmp;

  @Test
  void initWritesOneFolderPerPartyWithOwnerOnlyPemFiles() throws Exception {
    Path dir = tmp.resolve("pki");
    FederationCertificates.init(dir, FederationCertificates.clientNames("site", 2), List.of("localhost", "127.0.0.1",
        "coordinator.example.org"), Duration.ofDays(30), new SecureRandom());
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.toList()) {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", perms, p.toString());
      }
    }
    Path client = dir.resolve("clients/site-0001");
    for (String f : List.of("ca.pem", "client.pem", "client.key", "signing.pem", "signing.key")) {
      assertTrue(Files.isRegularFile(client.resolve(f)), f);
    }
    assertFalse(Files.exists(dir.resolve("server/ca.key")), "the CA key stays in ca/");
    X509Certificate ca = PemFiles.readCertificate(dir.resolve("ca/ca.pem"));
    X509Certificate server = PemFiles.readCertificate(dir.resolve("server/server.pem"));
    server.verify(ca.getPublicKey());
    assertTrue(server.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
    assertEquals(3, server.getSubjectAlternativeNames().size());
    X509Certificate tls = PemFiles.readCertificate(client.resolve("client.pem"));
    tls.verify(ca.getPublicKey());
    assertEquals("EC", tls.getPublicKey().getAlgorithm());
    assertEquals("site-0001", SignerTrust.commonName(tls));
    assertTrue(tls.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");

    SigningKey key = SigningKey.fromDirectory(client);
    assertEquals("site-0001", key.name());
    SignerTrust trust = new SignerTrust(ca);
    SignerTrust.Signer signer = trust.verify(key.certificateDer(), "site-0001");
    Statement s = Statement.of("test").text("hello");
    assertTrue(signer.verifies(s, key.sign(s)));
    assertFalse(signer.verifies(Statement.of("test").text("hellO"), key.sign(s)));
    SignatureRejectedException wrongName = assertThrows(SignatureRejectedException.class,
        () -> trust.verify(key.certificateDer(), "site-0000"));
    assertEquals(SignatureRejectedException.Reason.UNTRUSTED_CERTIFICATE, wrongName.reason());
    assertThrows(SignatureRejectedException.class, () -> trust.verify(tls.getEncoded(), "site-0001"),
        "a TLS (ECDSA) certificate is not a signing certificate");
    CertificateAuthority other = CertificateAuthority.create("other CA", Duration.ofDays(1), new SecureRandom());
    SignatureRejectedException foreign = assertThrows(SignatureRejectedException.class,
        () -> trust.verify(other.issueSigning("site-0001").certificate().getEncoded(), "site-0001"));
    assertTrue(foreign.getMessage().contains("not a valid certificate of this federation's CA"), foreign.getMessage());
  }

  @Test
  void initRefusesToOverwriteAndRejectsBadHosts() throws Exception {
    Path dir = tmp.resolve("taken");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("keep.txt"), "x");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FederationCertificates.init(dir,
        List.of("a"), List.of("localhost"), Duration.ofDays(1), new SecureRandom()));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> FederationCertificates.init(tmp.resolve("new"), List.of("a"),
        List.of("bad host!"), Duration.ofDays(1), new SecureRandom()));
    assertFalse(Files.exists(tmp.resolve("new")), "nothing half-written");
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(1, s.count(), "no temporary folder left behind");
    }
  }

  @Test
  void revocationListIsReadAgainWhenItChanges() throws Exception {
    Path file = tmp.resolve("revoked.txt");
    Files.writeString(file, "# revoked clients\nsite-0003\n");
    List<String> log = new java.util.ArrayList<>();
    RevocationList r = RevocationList.watch(file, log::add);
    assertTrue(r.isRevoked("site-0003"));
    assertFalse(r.isRevoked("site-0004"));
    byte[] cert = CertificateAuthority.create("x", Duration.ofDays(1), new SecureRandom()).certificate().getEncoded();
    Files.writeString(file.resolveSibling("revoked.tmp"), "site-0004  # lost laptop\nsha256:"
        + SignerTrust.fingerprint(cert) + "\n");
    Files.move(file.resolveSibling("revoked.tmp"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertFalse(r.isRevoked("site-0003"));
    assertTrue(r.isRevoked("site-0004"));
    assertTrue(r.isRevoked("anyone", cert), "by certificate fingerprint");
    Files.writeString(file, "two words\n");
    assertTrue(r.isRevoked("site-0004"), "a malformed edit keeps the last good list");
    assertTrue(log.stream().anyMatch(l -> l.contains("previous one stays in force")), log.toString());
    InvalidInputException bad = assertThrows(InvalidInputException.class,
        () -> RevocationList.watch(file, l -> { }));
    assertTrue(bad.getMessage().contains("revoked.txt:1"), bad.getMessage());
  }
}
