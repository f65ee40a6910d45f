package io.dpforge.federated.secagg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.federated.aggregate.Admission;
import io.dpforge.federated.aggregate.ContributionBound;
import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.security.AuditLog;
import io.dpforge.federated.security.CertificateAuthority;
import io.dpforge.federated.security.ContributionSignatures;
import io.dpforge.federated.security.RevocationList;
import io.dpforge.federated.security.SignatureRejectedException;
import io.dpforge.federated.security.SignerTrust;
import io.dpforge.federated.security.SigningKey;
import io.dpforge.federated.security.UpdateClaim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed rounds: members' keys and masked inputs must be signed by the key each enrolled, for this cohort;
 * members check their neighbours' keys the same way, so neither a forged, altered nor replayed key nor a
 * masked input signed for another context is used. Applied inputs are logged for audit.
 */
class SignedRoundsTest {
  private static final int DIM = 8;
  private static final CertificateAuthority CA = CertificateAuthority.create("ca", Duration.ofDays(1),
      new SecureRandom());
  private static final SignerTrust TRUST = new SignerTrust(CA.certificate());

  @TempDir
  Path tmp;

  private static SigningKey key(String name) {
    CertificateAuthority.Issued i = CA.issueSigning(name);
    return new SigningKey(i.key(), i.certificate());
  }

  /** A cohort of three signed members, the server checking signatures and logging to {@code audit}. */
  private record Setup(SecAggCohort cohort, List<SecAggClient> clients, List<ProtocolRun.Recorder> outboxes,
      List<SigningKey> keys) {}

  private Setup setup(AuditLog audit, RevocationList peersRevoked) {
    ContributionSignatures signatures = new ContributionSignatures(TRUST, RevocationList.NONE, audit);
    SecureAggregation engine = SecureAggregation.builder(SecAggSettings.defaults()).signatures(signatures)
        .random(ProtocolRun.seeded(1)).build();
    SecAggCohort cohort = engine.open("run-s", 9, DIM);
    List<SecAggClient> clients = new ArrayList<>();
    List<ProtocolRun.Recorder> outboxes = new ArrayList<>();
    List<SigningKey> keys = new ArrayList<>();
    for (String name : List.of("m0", "m1", "m2")) {
      SigningKey k = key(name);
      keys.add(k);
      signatures.enroll(new ClientId(name), k.certificateDer());
      cohort.admit(new Admission(new ClientId(name), "u-" + name, new ModelVersion(0, 0), "", 0.5, 0, 2));
      ProtocolRun.Recorder r = new ProtocolRun.Recorder();
      cohort.member(new ClientId(name)).orElseThrow().attach(r);
      outboxes.add(r);
      clients.add(new SecAggClient(name, ProtocolRun.seeded(name.hashCode()), k,
          new KeyVerification(TRUST, peersRevoked)));
    }
    cohort.seal(ContributionBound.NONE);
    return new Setup(cohort, clients, outboxes, keys);
  }

  private static CohortMember member(Setup s, int i) {
    return s.cohort().member(new ClientId("m" + i)).orElseThrow();
  }

  @Test
  void signedCohortCompletesAndEveryAppliedInputIsAudited() throws Exception {
    AuditLog audit = AuditLog.open(tmp.resolve("audit.jsonl"));
    Setup s = setup(audit, RevocationList.NONE);
    for (int i = 0; i < 3; i++) {
      member(s, i).advertise(s.clients().get(i).advertise(s.outboxes().get(i).formed));
    }
    for (int i = 0; i < 3; i++) {
      member(s, i).share(s.clients().get(i).shareKeys(s.outboxes().get(i).keys));
    }
    for (int i = 0; i < 3; i++) {
      sendInput(s, i, s.outboxes().get(i).formed.factor(), "run-s");
    }
    for (int i = 0; i < 3; i++) {
      member(s, i).reveal(s.clients().get(i).reveal(s.outboxes().get(i).survivors));
    }
    waitUnmasked(s.cohort());
    s.cohort().applied(new ModelVersion(0, 1));
    audit.close();
    AuditLog.Verification v = AuditLog.verify(tmp.resolve("audit.jsonl"), TRUST);
    assertTrue(v.valid(), v.failures().toString());
    assertEquals(3, v.contributions());
    String log = Files.readString(tmp.resolve("audit.jsonl"));
    assertTrue(log.contains("\"cohort\":9") && log.contains("\"outcome\":\"applied\""), log);
  }

  private static void sendInput(Setup s, int i, double signedFactor, String signedRun) {
    SecAggClient c = s.clients().get(i);
    c.receiveShares(s.outboxes().get(i).shares);
    long[] y = c.maskedInput(new float[DIM], new SplittableRandom(i));
    byte[] bytes = new Modulus(32).encode(y, 0, y.length);
    byte[] digest = ProtocolRun.sha256(bytes);
    UpdateClaim claim = new UpdateClaim(signedRun, "m" + i, "u-m" + i, new ModelVersion(0, 0), "", 2, DIM, digest, 9,
        signedFactor);
    member(s, i).beginInput(digest, s.keys().get(i).sign(claim.statement()));
    member(s, i).inputChunk(0, bytes);
  }

  private static void waitUnmasked(SecAggCohort c) throws InterruptedException {
    for (int i = 0; i < 400 && c.unmaskNanos() < 0; i++) {
      Thread.sleep(10);
    }
    assertTrue(c.unmaskNanos() >= 0, "the cohort was unmasked");
  }

  @Test
  void theCoordinatorRefusesUnsignedAlteredAndReplayedKeys() {
    Setup s = setup(null, RevocationList.NONE);
    Rounds.AdvertisedKeys k0 = s.clients().get(0).advertise(s.outboxes().get(0).formed);
    member(s, 0).advertise(new Rounds.AdvertisedKeys(0, "m0", k0.cipherKey(), k0.maskKey(), k0.seedCommitment(),
        new byte[0], k0.signingCertificate()));
    assertReason(SignatureRejectedException.Reason.UNSIGNED, s.outboxes().get(0).rejected);

    Rounds.AdvertisedKeys k1 = s.clients().get(1).advertise(s.outboxes().get(1).formed);
    byte[] swapped = k1.maskKey().clone();
    swapped[0] ^= 1;
    member(s, 1).advertise(new Rounds.AdvertisedKeys(1, "m1", k1.cipherKey(), swapped, k1.seedCommitment(),
        k1.signature(), k1.signingCertificate()));
    assertReason(SignatureRejectedException.Reason.BAD_SIGNATURE, s.outboxes().get(1).rejected);

    // Keys m2 signed for another cohort, replayed into this one.
    Rounds.AdvertisedKeys k2 = s.clients().get(2).advertise(s.outboxes().get(2).formed);
    CohortContext other = new CohortContext("run-s", 10);
    byte[] replayed = s.keys().get(2).sign(k2.statement(other));
    member(s, 2).advertise(new Rounds.AdvertisedKeys(2, "m2", k2.cipherKey(), k2.maskKey(), k2.seedCommitment(),
        replayed, k2.signingCertificate()));
    assertReason(SignatureRejectedException.Reason.BAD_SIGNATURE, s.outboxes().get(2).rejected);
  }

  @Test
  void membersRefuseNeighbourKeysTheNeighbourDidNotSign() {
    Path revocations = tmp.resolve("revoked.txt");
    Setup s = setup(null, RevocationList.NONE);
    Rounds.CohortFormed f = s.outboxes().get(0).formed;
    Rounds.AdvertisedKeys real = s.clients().get(1).advertise(s.outboxes().get(1).formed);
    CohortContext ctx = f.context();
    KeyVerification verify = new KeyVerification(TRUST, RevocationList.NONE);
    verify.check(ctx, real);
    byte[] attacker = SecAggKeys.publicKey(SecAggKeys.newPrivateKey(new SecureRandom()));
    SignatureRejectedException substituted = assertThrows(SignatureRejectedException.class, () -> verify.check(ctx,
        new Rounds.AdvertisedKeys(1, "m1", real.cipherKey(), attacker, real.seedCommitment(), real.signature(),
            real.signingCertificate())));
    assertEquals(SignatureRejectedException.Reason.BAD_SIGNATURE, substituted.reason());
    SignatureRejectedException renamed = assertThrows(SignatureRejectedException.class, () -> verify.check(ctx,
        new Rounds.AdvertisedKeys(1, "m2", real.cipherKey(), real.maskKey(), real.seedCommitment(), real.signature(),
            real.signingCertificate())));
    assertEquals(SignatureRejectedException.Reason.UNTRUSTED_CERTIFICATE, renamed.reason());
    try {
      Files.writeString(revocations, "m1\n");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    SignatureRejectedException revoked = assertThrows(SignatureRejectedException.class,
        () -> new KeyVerification(TRUST, RevocationList.watch(revocations, l -> { })).check(ctx, real));
    assertEquals(SignatureRejectedException.Reason.REVOKED, revoked.reason());
    // A client given a forged key through the protocol leaves the cohort before sharing anything.
    SecAggClient victim = s.clients().get(0);
    victim.advertise(f);
    SignatureRejectedException refused = assertThrows(SignatureRejectedException.class, () -> victim.shareKeys(
        new Rounds.NeighbourKeys(List.of(new Rounds.AdvertisedKeys(1, "m1", real.cipherKey(), attacker,
            real.seedCommitment(), real.signature(), real.signingCertificate())))));
    assertEquals(SignatureRejectedException.Reason.BAD_SIGNATURE, refused.reason());
  }

  @Test
  void aMaskedInputSignedForAnotherFactorOrRunIsRefused() throws Exception {
    Setup s = setup(null, RevocationList.NONE);
    for (int i = 0; i < 3; i++) {
      member(s, i).advertise(s.clients().get(i).advertise(s.outboxes().get(i).formed));
    }
    for (int i = 0; i < 3; i++) {
      member(s, i).share(s.clients().get(i).shareKeys(s.outboxes().get(i).keys));
    }
    sendInput(s, 0, 0.25, "run-s");
    assertReason(SignatureRejectedException.Reason.BAD_SIGNATURE, s.outboxes().get(0).rejected);
    sendInput(s, 1, 0.5, "old-run");
    assertReason(SignatureRejectedException.Reason.BAD_SIGNATURE, s.outboxes().get(1).rejected);
    sendInput(s, 2, 0.5, "run-s");
    assertNull(s.outboxes().get(2).rejected, "the correctly signed input is taken");
  }

  private static void assertReason(SignatureRejectedException.Reason reason, RuntimeException rejected) {
    SignatureRejectedException e = assertInstanceOf(SignatureRejectedException.class, rejected);
    assertEquals(reason, e.reason(), e.getMessage());
  }
}
