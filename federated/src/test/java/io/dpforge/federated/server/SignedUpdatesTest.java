package io.dpforge.federated.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.core.UpdateDigest;
import io.dpforge.federated.proto.v1.CoordinatorGrpc;
import io.dpforge.federated.proto.v1.RegisterRequest;
import io.dpforge.federated.proto.v1.RegisterResponse;
import io.dpforge.federated.proto.v1.SubmitUpdateResponse;
import io.dpforge.federated.proto.v1.UpdateChunk;
import io.dpforge.federated.proto.v1.UpdateHeader;
import io.dpforge.federated.proto.v1.UpdateOutcome;
import io.dpforge.federated.proto.v1.Values;
import io.dpforge.federated.security.AuditLog;
import io.dpforge.federated.security.CertificateAuthority;
import io.dpforge.federated.security.ContributionSignatures;
import io.dpforge.federated.security.RevocationList;
import io.dpforge.federated.security.SignerTrust;
import io.dpforge.federated.security.SigningKey;
import io.dpforge.federated.security.UpdateClaim;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import io.dpforge.federated.wire.Float32Chunks;
import io.dpforge.federated.wire.ProtocolHeaders;
import io.dpforge.federated.wire.Versions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed update metadata: the coordinator applies only updates whose Ed25519 signature covers exactly
 * what arrived, in this run, from this client; it refuses unsigned, tampered and replayed ones, and logs
 * what it accepted so an auditor with the CA certificate can check every line.
 */
class SignedUpdatesTest {
  private static final int DIM = 6;
  private static final CertificateAuthority CA = CertificateAuthority.create("test CA", Duration.ofDays(1),
      new SecureRandom());

  @TempDir
  Path tmp;
  private Coordinator coordinator;
  private Server server;
  private ManagedChannel channel;
  private AuditLog audit;
  private final SigningKey alice = signing("alice");

  private static SigningKey signing(String name) {
    CertificateAuthority.Issued i = CA.issueSigning(name);
    return new SigningKey(i.key(), i.certificate());
  }

  @BeforeEach
  void start() throws Exception {
    coordinator = Coordinator.builder(Strategy.async(WeightRule.IDENTICAL), new double[DIM]).runId("run-1").build();
    audit = AuditLog.open(tmp.resolve("audit.jsonl"));
    ContributionSignatures signatures = new ContributionSignatures(new SignerTrust(CA.certificate()),
        RevocationList.NONE, audit);
    CoordinatorService service = new CoordinatorService(coordinator, new SessionTokens(), Duration.ofSeconds(30), null,
        signatures);
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name)
        .addService(ServerInterceptors.intercept(service, service.interceptor())).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    coordinator.close();
    audit.close();
  }

  private CoordinatorGrpc.CoordinatorStub register(String client, SigningKey key) {
    RegisterRequest.Builder r = RegisterRequest.newBuilder().setClientId(client).setNumExamples(1);
    if (key != null) {
      r.setSigningCertificate(ByteString.copyFrom(key.certificateDer()));
    }
    RegisterResponse resp = CoordinatorGrpc.newBlockingStub(channel).register(r.build());
    assertTrue(resp.getSignaturesRequired());
    Metadata h = new Metadata();
    h.put(ProtocolHeaders.SESSION, resp.getSessionToken());
    return CoordinatorGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(h));
  }

  /** A header for {@code values}, signed by {@code key} over the claim for run {@code run}. */
  private static UpdateHeader signed(SigningKey key, String run, String updateId, long examples, float[] values) {
    byte[] digest = UpdateDigest.of(values);
    UpdateClaim claim = new UpdateClaim(run, key.name(), updateId, new ModelVersion(0, 0), "", examples,
        values.length, digest, -1, 0);
    return UpdateHeader.newBuilder().setUpdateId(updateId).setBaseVersion(Versions.toProto(new ModelVersion(0, 0)))
        .setDimension(values.length).setNumExamples(examples).setValuesSha256(ByteString.copyFrom(digest))
        .setSignature(ByteString.copyFrom(key.sign(claim.statement()))).build();
  }

  private static SubmitUpdateResponse send(CoordinatorGrpc.CoordinatorStub stub, UpdateHeader h, float[] values) {
    return CoordinatorServiceTest.submit(stub, List.of(UpdateChunk.newBuilder().setHeader(h).build(),
        UpdateChunk.newBuilder().setValues(Values.newBuilder().setOffset(0)
            .setFloat32Le(Float32Chunks.encode(values, 0, values.length))).build()));
  }

  private static void assertRefused(String reason, org.junit.jupiter.api.function.Executable e) {
    StatusRuntimeException x = assertThrows(StatusRuntimeException.class, e);
    assertEquals(Status.Code.PERMISSION_DENIED, x.getStatus().getCode(), x.getStatus().toString());
    assertEquals(reason, x.getTrailers().get(ProtocolHeaders.REJECT_REASON), x.getStatus().toString());
  }

  private static float[] filled(float v) {
    float[] f = new float[DIM];
    java.util.Arrays.fill(f, v);
    return f;
  }

  @Test
  void unsignedTamperedAndReplayedUpdatesAreRefusedAndNothingOfThemIsApplied() throws Exception {
    CoordinatorGrpc.CoordinatorStub stub = register("alice", alice);
    float[] v = filled(0.5f);
    UpdateHeader good = signed(alice, "run-1", "u1", 1, v);

    assertRefused("UNSIGNED", () -> send(stub, good.toBuilder().clearSignature().build(), v));
    assertRefused("BAD_SIGNATURE", () -> send(stub, good, filled(0.6f)));
    assertRefused("BAD_SIGNATURE", () -> send(stub, good.toBuilder().setNumExamples(1000).build(), v));
    assertRefused("BAD_SIGNATURE", () -> send(stub, signed(alice, "another-run", "u1", 1, v), v));
    assertRefused("BAD_SIGNATURE", () -> send(stub, good.toBuilder().setUpdateId("u2").build(), v));
    SigningKey mallory = signing("mallory");
    assertRefused("BAD_SIGNATURE", () -> send(stub, signed(mallory, "run-1", "u1", 1, v), v));
    assertArrayEquals(new float[DIM], coordinator.currentModel().values(), "nothing was applied");

    assertEquals(UpdateOutcome.UPDATE_OUTCOME_ACCEPTED, send(stub, good, v).getOutcome());
    assertArrayEquals(v, coordinator.currentModel().values());
    assertEquals(UpdateOutcome.UPDATE_OUTCOME_DUPLICATE, send(stub, good, v).getOutcome(),
        "the exact update sent again is acknowledged, not applied twice");
    assertArrayEquals(v, coordinator.currentModel().values());
  }

  @Test
  void registrationNeedsTheClientsOwnSigningCertificate() {
    StatusRuntimeException none = assertThrows(StatusRuntimeException.class, () -> register("bob", null));
    assertEquals(Status.Code.PERMISSION_DENIED, none.getStatus().getCode());
    assertEquals("UNSIGNED", none.getTrailers().get(ProtocolHeaders.REJECT_REASON));
    StatusRuntimeException other = assertThrows(StatusRuntimeException.class, () -> register("mallory", alice));
    assertEquals("UNTRUSTED_CERTIFICATE", other.getTrailers().get(ProtocolHeaders.REJECT_REASON));
    CertificateAuthority rogue = CertificateAuthority.create("rogue", Duration.ofDays(1), new SecureRandom());
    CertificateAuthority.Issued forged = rogue.issueSigning("carol");
    StatusRuntimeException untrusted = assertThrows(StatusRuntimeException.class,
        () -> register("carol", new SigningKey(forged.key(), forged.certificate())));
    assertEquals("UNTRUSTED_CERTIFICATE", untrusted.getTrailers().get(ProtocolHeaders.REJECT_REASON));
  }

  @Test
  void theAuditLogRecordsWhoContributedWhatAndDetectsEdits() throws Exception {
    CoordinatorGrpc.CoordinatorStub stub = register("alice", alice);
    float[] v = filled(0.25f);
    send(stub, signed(alice, "run-1", "a1", 3, v), v);
    send(stub, signed(alice, "run-1", "a2", 4, v), v);
    Path log = tmp.resolve("audit.jsonl");
    SignerTrust trust = new SignerTrust(CA.certificate());
    AuditLog.Verification ok = AuditLog.verify(log, trust);
    assertTrue(ok.valid(), ok.failures().toString());
    assertEquals(1, ok.signers());
    assertEquals(2, ok.contributions());
    List<String> lines = Files.readAllLines(log);
    assertTrue(lines.get(1).contains("\"update_id\":\"a1\"") && lines.get(1).contains("\"examples\":3"));
    Files.write(log, List.of(lines.get(0), lines.get(1).replace("\"examples\":3", "\"examples\":30"), lines.get(2)));
    AuditLog.Verification edited = AuditLog.verify(log, trust);
    assertFalse(edited.valid());
    assertEquals(1, edited.failures().size());
    assertTrue(edited.failures().get(0).contains("update a1 does not verify"), edited.failures().toString());
  }
}
