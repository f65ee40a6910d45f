package io.dpforge.client.fl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.core.RunState;
import io.dpforge.federated.secagg.KeyVerification;
import io.dpforge.federated.secagg.SecAggSettings;
import io.dpforge.federated.secagg.SecureAggregation;
import io.dpforge.federated.security.AuditLog;
import io.dpforge.federated.security.ContributionSignatures;
import io.dpforge.federated.security.FederationCertificates;
import io.dpforge.federated.security.RevocationList;
import io.dpforge.federated.security.SignerTrust;
import io.dpforge.federated.security.SigningKey;
import io.dpforge.federated.server.CertificateAuthenticator;
import io.dpforge.federated.server.CoordinatorServer;
import io.dpforge.federated.strategy.StalenessFunction;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import io.dpforge.federated.wire.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client and the coordinator over real mutual TLS on loopback, with the certificates of
 * {@code dpforge certs init}: identity from the certificate, signed updates under secure aggregation, an
 * audit log that verifies, and every way in without a valid certificate refused.
 */
class MutualTlsTest {
  private static final int DIM = 8;
  private static final RetryPolicy TWICE = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(20), 2, 2);

  @TempDir
  static Path dir;
  private static Path pki;
  private static Path revoked;
  private static AuditLog audit;
  private static Coordinator coordinator;
  private static CoordinatorServer server;
  private static String target;

  @BeforeAll
  static void start() throws Exception {
    pki = dir.resolve("pki");
    FederationCertificates.init(pki, FederationCertificates.clientNames("site", 4), List.of("localhost", "127.0.0.1"),
        Duration.ofDays(1), new SecureRandom());
    revoked = dir.resolve("revoked.txt");
    Files.writeString(revoked, "# nobody yet\n");
    RevocationList list = RevocationList.watch(revoked, line -> { });
    audit = AuditLog.open(dir.resolve("audit.jsonl"));
    SignerTrust trust = SignerTrust.fromFile(pki.resolve("ca/ca.pem"));
    ContributionSignatures signatures = new ContributionSignatures(trust, list, audit);
    SecureAggregation engine = SecureAggregation.builder(SecAggSettings.defaults().withStageTimeout(
        Duration.ofSeconds(10))).signatures(signatures).build();
    coordinator = Coordinator.builder(Strategy.fedBuff(2, WeightRule.IDENTICAL, new StalenessFunction.Constant()),
        new double[DIM]).maskedCohorts(engine).build();
    server = CoordinatorServer.builder(coordinator).port(0).tls(TlsFiles.fromDirectory(pki.resolve("server"), "server"))
        .authenticator(new CertificateAuthenticator(list)).secureAggregation(engine)
        .signatures(signatures).build().start();
    target = "localhost:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
    audit.close();
  }

  private static FederatedClient member(String name) {
    Path d = pki.resolve("clients").resolve(name);
    return FederatedClient.builder().target(target).tls(TlsFiles.fromDirectory(d, "client"))
        .signing(SigningKey.fromDirectory(d))
        .verifyPeers(new KeyVerification(SignerTrust.fromFile(d.resolve("ca.pem")), RevocationList.NONE))
        .requireSecureAggregation(true).retry(TWICE).build();
  }

  @Test
  void clientsWithCertificatesTrainUnderSecureAggregationAndEveryContributionIsAudited() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (FederatedClient a = member("site-0000"); FederatedClient b = member("site-0001")) {
      float[][] updates = {new float[DIM], new float[DIM]};
      Arrays.fill(updates[0], 0.25f);
      Arrays.fill(updates[1], 0.75f);
      List<FederatedClient> clients = List.of(a, b);
      Future<?>[] done = new Future<?>[2];
      for (int i = 0; i < 2; i++) {
        FederatedClient c = clients.get(i);
        float[] u = updates[i];
        done[i] = pool.submit(() -> c.submit(c.fetchModel(new ModelVersion(0, 0)).orElseThrow(), new LocalUpdate(u, 3)));
      }
      for (Future<?> f : done) {
        assertEquals(SubmitReceipt.Outcome.ACCEPTED, ((SubmitReceipt) f.get(60, TimeUnit.SECONDS)).outcome());
      }
      assertTrue(a.secureAggregation());
    } finally {
      pool.shutdownNow();
    }
    for (float v : coordinator.currentModel().values()) {
      assertEquals(0.5, v, 1e-5);
    }
    AuditLog.Verification v = AuditLog.verify(dir.resolve("audit.jsonl"), SignerTrust.fromFile(pki.resolve("ca/ca.pem")));
    assertTrue(v.valid(), v.failures().toString());
    assertEquals(2, v.contributions());
    String log = Files.readString(dir.resolve("audit.jsonl"));
    assertTrue(log.contains("\"client\":\"site-0000\"") && log.contains("\"client\":\"site-0001\""), log);
  }

  @Test
  void noCertificateOrOneFromAnotherCaCannotConnect() throws Exception {
    try (FederatedClient anonymous = FederatedClient.builder().target(target).clientId("intruder").retry(TWICE)
        .tls(new TlsFiles(pki.resolve("ca/ca.pem"), Optional.empty(), Optional.empty())).build()) {
      CoordinatorUnavailableException e = assertThrows(CoordinatorUnavailableException.class, anonymous::register);
      assertTrue(e.getMessage().contains("UNAVAILABLE"), e.getMessage());
    }
    Path rogue = dir.resolve("rogue");
    FederationCertificates.init(rogue, List.of("site-0003"), List.of("localhost"), Duration.ofDays(1),
        new SecureRandom());
    Path rogueClient = rogue.resolve("clients/site-0003");
    try (FederatedClient forged = FederatedClient.builder().target(target).retry(TWICE)
        .tls(new TlsFiles(pki.resolve("ca/ca.pem"), Optional.of(rogueClient.resolve("client.pem")),
            Optional.of(rogueClient.resolve("client.key")))).build()) {
      assertThrows(CoordinatorUnavailableException.class, forged::register);
    }
    assertEquals(0, coordinator.status().participation().stream()
        .filter(p -> p.client().equals("intruder") || p.client().equals("site-0003")).count());
  }

  @Test
  void theCertificateNotTheRequestNamesTheClientAndRevocationNeedsNoRestart() throws Exception {
    Path d = pki.resolve("clients/site-0002");
    try (FederatedClient impostor = FederatedClient.builder().target(target).clientId("site-0000").retry(TWICE)
        .tls(TlsFiles.fromDirectory(d, "client")).signing(SigningKey.fromDirectory(d)).build()) {
      AuthenticationException e = assertThrows(AuthenticationException.class, impostor::register);
      assertTrue(e.getMessage().contains("identifies 'site-0002'"), e.getMessage());
    }
    try (FederatedClient c = member("site-0002")) {
      c.register();
      assertEquals(RunState.TRAINING, c.heartbeat());
      Files.writeString(revoked, "site-0002   # laptop lost\n");
      AuthenticationException e = assertThrows(AuthenticationException.class, c::heartbeat);
      assertTrue(e.getMessage().contains("revoked"), e.getMessage());
    }
  }
}
