package io.dpforge.federated.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.JoinResult;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.core.OverloadedException;
import io.dpforge.federated.core.SubmitResult;
import io.dpforge.federated.core.UpdateHeader;
import io.dpforge.federated.core.UpdateRejectedException;
import io.dpforge.federated.core.UploadStart;
import io.dpforge.federated.dp.CentralDp;
import io.dpforge.federated.strategy.StalenessFunction;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator with masked cohorts: a FedBuff buffer seals as one SecAgg+ instance and is applied as
 * one step; an abandoned cohort changes nothing and its members retry in a later cohort.
 */
class SecureCohortsTest {
  private static final int DIM = 5;
  private static final ModelVersion V0 = new ModelVersion(0, 0);
  private final SecureAggregation engine = SecureAggregation.builder(
      SecAggSettings.defaults().withStageTimeout(Duration.ofSeconds(20))).random(ProtocolRun.seeded(3)).build();
  private final Coordinator coordinator = Coordinator.builder(
      Strategy.fedBuff(3, WeightRule.IDENTICAL, new StalenessFunction.Constant()), new double[DIM])
      .maskedCohorts(engine).runId("run-sc").build();

  @AfterEach
  void close() {
    coordinator.close();
    engine.close();
  }

  private long join(String client, String updateId) {
    JoinResult r = coordinator.joinCohort(new ClientId(client), new UpdateHeader(updateId, V0, DIM, 1, "", 0));
    assertTrue(r.joined(), client + " " + r);
    return r.cohort();
  }

  private ProtocolRun play(long cohort, List<String> members, List<float[]> updates, ProtocolRun.Drop... drops) {
    List<ClientId> ids = members.stream().map(ClientId::new).toList();
    SecAggCohort c = engine.member(cohort, ids.get(0)).orElseThrow().cohort();
    ProtocolRun run = new ProtocolRun(engine, c, ids, cohort + 1);
    ProtocolRun.Drop[] d = drops.length > 0 ? drops : new ProtocolRun.Drop[members.size()];
    if (drops.length == 0) {
      Arrays.fill(d, ProtocolRun.Drop.NONE);
    }
    run.play(updates, d);
    return run;
  }

  private static float[] filled(float v) {
    float[] f = new float[DIM];
    Arrays.fill(f, v);
    return f;
  }

  private void awaitVersion(long n) throws InterruptedException {
    for (int i = 0; i < 400 && coordinator.currentModel().version().number() < n; i++) {
      Thread.sleep(25);
    }
    assertEquals(n, coordinator.currentModel().version().number());
  }

  private static Rounds.Result awaitResult(ProtocolRun.Recorder r) throws InterruptedException {
    for (int i = 0; i < 400 && r.result == null; i++) {
      Thread.sleep(25);
    }
    return r.result;
  }

  @Test
  void aFedBuffBufferIsOneMaskedCohortAppliedAsOneStep() throws Exception {
    for (String c : List.of("a", "b", "c", "d")) {
      coordinator.register(new ClientId(c), 1);
    }
    long first = join("a", "ua");
    assertEquals(first, join("b", "ub"));
    assertEquals(first, join("c", "uc"), "the third arrival fills the buffer and the cohort starts sealing");
    long next = join("d", "ud");
    assertTrue(next > first, "later arrivals join the next cohort while the first seals");
    ProtocolRun run = play(first, List.of("a", "b", "c"), List.of(filled(0.3f), filled(0.6f), filled(-0.3f)));
    awaitVersion(1);
    for (int i = 0; i < DIM; i++) {
      assertEquals(0.2, coordinator.currentModel().values()[i], 1e-5, "the mean of the three updates");
    }
    for (ProtocolRun.Recorder r : run.outboxes) {
      Rounds.Result res = awaitResult(r);
      assertEquals(Rounds.Outcome.APPLIED, res.outcome());
      assertEquals(1, res.version().number());
    }
    assertEquals(SubmitResult.Outcome.DUPLICATE, coordinator.joinCohort(new ClientId("a"),
        new UpdateHeader("ua", V0, DIM, 1, "", 0)).immediate().outcome(), "an applied update is never applied twice");
    UpdateRejectedException plain = assertThrows(UpdateRejectedException.class,
        () -> coordinator.beginUpload(new ClientId("b"), new UpdateHeader("x", V0, DIM, 1, "", 0)));
    assertEquals(UpdateRejectedException.Reason.SECURE_AGGREGATION_REQUIRED, plain.reason());
  }

  @Test
  void anAbandonedCohortChangesNothingAndItsMembersRetryInALaterOne() throws Exception {
    for (String c : List.of("a", "b", "c", "d")) {
      coordinator.register(new ClientId(c), 1);
    }
    long first = join("a", "ua");
    join("b", "ub");
    join("c", "uc");
    UpdateRejectedException twice = assertThrows(UpdateRejectedException.class,
        () -> coordinator.joinCohort(new ClientId("a"), new UpdateHeader("other", V0, DIM, 1, "", 0)));
    assertEquals(UpdateRejectedException.Reason.ALREADY_IN_COHORT, twice.reason());
    assertThrows(OverloadedException.class, () -> coordinator.joinCohort(new ClientId("a"),
        new UpdateHeader("ua", V0, DIM, 1, "", 0)), "the same update waits for its sealing cohort");
    // c leaves after advertising keys: a and b's seeds then have one revealing neighbour each, below t = 2.
    ProtocolRun run = play(first, List.of("a", "b", "c"), List.of(filled(1), filled(1), filled(1)),
        ProtocolRun.Drop.NONE, ProtocolRun.Drop.NONE, ProtocolRun.Drop.BEFORE_SHARES);
    Rounds.Result abandoned = awaitResult(run.outboxes.get(0));
    assertEquals(Rounds.Outcome.ABANDONED, abandoned.outcome());
    assertTrue(abandoned.reason().contains("fewer than 2 revealed shares"), abandoned.reason());
    assertEquals(1, coordinator.status().cohortsAbandoned());
    assertEquals(0, coordinator.currentModel().version().number());
    assertArrayEquals(new float[DIM], coordinator.currentModel().values(), "nothing of it was applied");

    long second = join("a", "ua");
    join("b", "ub");
    assertEquals(second, join("d", "ud"));
    List<float[]> updates = new ArrayList<>(List.of(filled(0.1f), filled(0.2f), filled(0.6f)));
    play(second, List.of("a", "b", "d"), updates);
    awaitVersion(1);
    for (int i = 0; i < DIM; i++) {
      assertEquals(0.3, coordinator.currentModel().values()[i], 1e-5);
    }
    assertEquals(3, coordinator.status().updatesApplied());
  }

  @Test
  void centralDpNoisesTheUnmaskedSumAsItNoisesAPlainOne() throws Exception {
    float[][] updates = {filled(0.1f), filled(-0.2f), filled(3f)}; // the last one's norm is above C = 1
    Strategy fedBuff = Strategy.fedBuff(3, WeightRule.IDENTICAL, new StalenessFunction.Constant());
    try (Coordinator plain = Coordinator.builder(fedBuff, new double[DIM]).release(dp()).build();
        SecureAggregation e = SecureAggregation.builder(SecAggSettings.defaults()).random(ProtocolRun.seeded(4)).build();
        Coordinator masked = Coordinator.builder(fedBuff, new double[DIM]).release(dp()).maskedCohorts(e)
            .runId("run-dp").build()) {
      List<String> names = List.of("a", "b", "c");
      long cohort = -1;
      for (int i = 0; i < 3; i++) {
        ClientId id = new ClientId(names.get(i));
        plain.register(id, 1);
        masked.register(id, 1);
        UploadStart up = plain.beginUpload(id, new UpdateHeader("u" + i, V0, DIM, 1, "", 0));
        ByteBuffer b = ByteBuffer.allocate(4 * DIM).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(updates[i]);
        up.upload().append(0, b);
        plain.completeUpload(up.upload());
        cohort = masked.joinCohort(id, new UpdateHeader("u" + i, V0, DIM, 1, "", 0)).cohort();
      }
      List<ClientId> ids = names.stream().map(ClientId::new).toList();
      ProtocolRun run = new ProtocolRun(e, e.member(cohort, ids.get(0)).orElseThrow().cohort(), ids, 5);
      ProtocolRun.Drop[] none = new ProtocolRun.Drop[3];
      Arrays.fill(none, ProtocolRun.Drop.NONE);
      run.play(Arrays.asList(updates), none);
      for (int i = 0; i < 400 && masked.currentModel().version().number() < 1; i++) {
        Thread.sleep(25);
      }
      assertEquals(1, masked.currentModel().version().number());
      assertEquals(1.0, run.outboxes.get(0).formed.quantization().clipNorm(), "members clip to C before masking");
      float[] p = plain.currentModel().values();
      float[] m = masked.currentModel().values();
      double noiseScale = 2.0 / 3; // z·C scaled by the cohort's 1/K
      for (int i = 0; i < DIM; i++) {
        assertTrue(Math.abs(p[i] - (0.1 - 0.2 + 1 / Math.sqrt(DIM)) / 3) > 1e-3, "noise was added");
        assertEquals(p[i], m[i], 1e-4, "same seeded noise on the same sum, up to quantisation");
        assertTrue(Math.abs(m[i]) < 6 * noiseScale);
      }
      assertEquals(plain.status().privacy().orElseThrow().rhoSpent(),
          masked.status().privacy().orElseThrow().rhoSpent(), 1e-12);
      assertEquals(0.125, masked.status().privacy().orElseThrow().rhoSpent(), 1e-12);
    }
  }

  private static CentralDp dp() {
    return CentralDp.builder()
        .ledger(PrivacyLedger.builder().budget(Budget.zcdp(10)).build())
        .randomness(Randomness.seededNotPrivate(7)).clipNorm(1).noiseMultiplier(2).build();
  }

  @Test
  void cohortsOfOneAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Coordinator.builder(
        Strategy.async(WeightRule.IDENTICAL), new double[DIM]).maskedCohorts(engine).build());
    assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
  }
}
