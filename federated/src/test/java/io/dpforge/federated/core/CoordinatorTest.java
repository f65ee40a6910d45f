package io.dpforge.federated.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.federated.checkpoint.CheckpointStore;
import io.dpforge.federated.strategy.StalenessFunction;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorTest {
  private static final ModelVersion V0 = new ModelVersion(0, 0);
  private final AtomicLong now = new AtomicLong();

  private Coordinator build(Strategy s, double[] init) {
    return Coordinator.builder(s, init).virtualTime(now::get).build();
  }

  private static void register(Coordinator c, String... ids) {
    for (String id : ids) {
      c.register(new ClientId(id), 10);
    }
  }

  @Test
  void fedBuffAppliesTheMeanOfKUpdatesWithIdenticalWeights() {
    try (Coordinator c = build(Strategy.fedBuff(3, WeightRule.IDENTICAL, new StalenessFunction.Constant()),
        new double[] {1, 1})) {
      register(c, "a", "b", "c");
      assertEquals(SubmitResult.Outcome.ACCEPTED, Uploads.submit(c, "a", V0, new float[] {3, 0}).outcome());
      assertEquals(SubmitResult.Outcome.ACCEPTED, Uploads.submit(c, "b", V0, new float[] {0, 3}).outcome());
      assertEquals(0, c.currentModel().version().number(), "the buffer is not full yet");
      SubmitResult r = Uploads.submit(c, "c", V0, new float[] {3, 3});
      assertEquals(1, r.appliesToVersion().number());
      assertEquals(1, c.currentModel().version().number());
      assertArrayEquals(new float[] {3, 3}, c.currentModel().values(), 1e-6f);
      assertEquals(1.0, c.status().lastWeightSum(), 1e-12);
    }
  }

  @Test
  void asyncUnbiasedWeightsScaleWithStalenessAndImportance() {
    // Two clients, p = 1/2 each. Client a's update applies at version 0 → 1 (staleness 0, d = 1·½);
    // client b's, computed on version 0, applies at 1 → 2 (staleness 1, d = 2·½ = 1).
    try (Coordinator c = build(Strategy.async(WeightRule.UNBIASED), new double[] {0})) {
      register(c, "a", "b");
      Uploads.submit(c, "a", V0, new float[] {1});
      assertArrayEquals(new float[] {0.5f}, c.currentModel().values(), 1e-6f);
      Uploads.submit(c, "b", V0, new float[] {1});
      assertArrayEquals(new float[] {1.5f}, c.currentModel().values(), 1e-6f);
      assertEquals(1, c.status().stalenessCounts()[1]);
    }
  }

  @Test
  void polynomialStalenessDiscountsOldUpdates() {
    Strategy s = Strategy.fedBuff(1, WeightRule.IDENTICAL, new StalenessFunction.Polynomial(0.5));
    try (Coordinator c = build(s, new double[] {0})) {
      register(c, "a", "b", "c", "d");
      Uploads.submit(c, "a", V0, new float[] {1});
      Uploads.submit(c, "b", V0, new float[] {1});
      Uploads.submit(c, "c", V0, new float[] {1});
      // weights 1, 1/√2, 1/√3
      assertEquals(1 + 1 / Math.sqrt(2) + 1 / Math.sqrt(3), c.currentModel().values()[0], 1e-6);
    }
  }

  @Test
  void serverLearningRateAndMomentum() {
    Strategy s = Strategy.async(WeightRule.IDENTICAL).withServerOptimizer(0.5, 0.9);
    try (Coordinator c = build(s, new double[] {0})) {
      register(c, "a", "b");
      Uploads.submit(c, "a", V0, new float[] {1});
      assertEquals(0.5, c.currentModel().values()[0], 1e-6); // m = 1
      Uploads.submit(c, "b", new ModelVersion(0, 1), new float[] {1});
      assertEquals(0.5 + 0.5 * 1.9, c.currentModel().values()[0], 1e-6); // m = 0.9 + 1
    }
  }

  @Test
  void duplicateUpdateIdIsAcknowledgedAndNotAppliedTwice() {
    try (Coordinator c = build(Strategy.async(WeightRule.IDENTICAL), new double[] {0})) {
      register(c, "a");
      assertEquals(SubmitResult.Outcome.ACCEPTED, Uploads.submit(c, "a", V0, new float[] {1}, 1, "same").outcome());
      assertEquals(SubmitResult.Outcome.DUPLICATE, Uploads.submit(c, "a", V0, new float[] {1}, 1, "same").outcome());
      assertEquals(1.0, c.currentModel().values()[0], 1e-9);
      assertEquals(1, c.status().updatesApplied());
    }
  }

  @Test
  void refusesBadUpdatesWithTheirReason() {
    Strategy s = Strategy.fedBuff(2, WeightRule.IDENTICAL, new StalenessFunction.Constant()).withMaxStaleness(0);
    try (Coordinator c = build(s, new double[] {0, 0})) {
      register(c, "a", "b");
      ClientId a = new ClientId("a");
      assertReason(UpdateRejectedException.Reason.WRONG_DIMENSION,
          () -> c.beginUpload(a, new UpdateHeader("x", V0, 3, 1, "", 0)));
      assertReason(UpdateRejectedException.Reason.UNKNOWN_BASE_VERSION,
          () -> c.beginUpload(a, new UpdateHeader("x", new ModelVersion(0, 7), 2, 1, "", 0)));
      StagedUpload u = c.beginUpload(a, new UpdateHeader("nan", V0, 2, 1, "", 0)).upload();
      assertReason(UpdateRejectedException.Reason.NOT_FINITE, () -> u.append(0, Uploads.bytes(new float[] {1, Float.NaN})));
      StagedUpload big = c.beginUpload(a, new UpdateHeader("big", V0, 2, 1, "", 0)).upload();
      assertReason(UpdateRejectedException.Reason.OVER_SIZE, () -> big.append(0, Uploads.bytes(new float[] {1, 2, 3})));
      StagedUpload half = c.beginUpload(a, new UpdateHeader("half", V0, 2, 1, "", 0)).upload();
      half.append(0, Uploads.bytes(new float[] {1}));
      assertReason(UpdateRejectedException.Reason.INCOMPLETE, () -> c.completeUpload(half));
      assertThrows(UnknownClientException.class, () -> c.beginUpload(new ClientId("z"), new UpdateHeader("x", V0, 2, 1, "", 0)));
      Uploads.submit(c, "a", V0, new float[] {1, 1});
      assertReason(UpdateRejectedException.Reason.ALREADY_IN_COHORT, () -> Uploads.submit(c, "a", V0, new float[] {1, 1}));
      Uploads.submit(c, "b", V0, new float[] {1, 1});
      assertEquals(1, c.currentModel().version().number());
      assertReason(UpdateRejectedException.Reason.TOO_STALE, () -> Uploads.submit(c, "a", V0, new float[] {1, 1}));
    }
  }

  private static void assertReason(UpdateRejectedException.Reason reason, org.junit.jupiter.api.function.Executable e) {
    UpdateRejectedException x = assertThrows(UpdateRejectedException.class, e);
    assertEquals(reason, x.reason(), x.getMessage());
  }

  @Test
  void stagingBudgetPushesBackAndResumesAPartialUpload() {
    Coordinator c = Coordinator.builder(Strategy.async(WeightRule.IDENTICAL), new double[4])
        .virtualTime(now::get)
        .options(CoordinatorOptions.defaults().withStagingBudget(20, Duration.ofMillis(250)))
        .build();
    try (c) {
      register(c, "a", "b");
      StagedUpload u = c.beginUpload(new ClientId("a"), new UpdateHeader("ua", V0, 4, 1, "", 0)).upload();
      u.append(0, Uploads.bytes(new float[] {1, 1}));
      OverloadedException o = assertThrows(OverloadedException.class,
          () -> c.beginUpload(new ClientId("b"), new UpdateHeader("ub", V0, 4, 1, "", 0)));
      assertEquals(Duration.ofMillis(250), o.retryAfter());
      // The dropped upload resumes where it stopped, under the same id.
      assertEquals(new UploadState(UploadState.Kind.PARTIAL, 2), c.uploadState(new ClientId("a"), "ua"));
      assertReason(UpdateRejectedException.Reason.MALFORMED,
          () -> c.beginUpload(new ClientId("a"), new UpdateHeader("ua", V0, 4, 1, "", 1)));
      StagedUpload resumed = c.beginUpload(new ClientId("a"), new UpdateHeader("ua", V0, 4, 1, "", 2)).upload();
      resumed.append(2, Uploads.bytes(new float[] {2, 2}));
      assertEquals(SubmitResult.Outcome.ACCEPTED, c.completeUpload(resumed).outcome());
      assertArrayEquals(new float[] {1, 1, 2, 2}, c.currentModel().values(), 0f);
      assertEquals(new UploadState(UploadState.Kind.COMPLETE, 4), c.uploadState(new ClientId("a"), "ua"));
      assertEquals(SubmitResult.Outcome.ACCEPTED,
          Uploads.submit(c, "b", new ModelVersion(0, 1), new float[] {0, 0, 0, 1}).outcome());
    }
  }

  @Test
  void fedAvgRoundSelectsWithOverSelectionAndDiscardsLateUpdates() {
    try (Coordinator c = build(Strategy.fedAvg(2, 0.5, Duration.ofSeconds(10)), new double[] {0})) {
      register(c, "a", "b", "c", "d");
      CompletableFuture<?>[] f = new CompletableFuture<?>[4];
      String[] ids = {"a", "b", "c", "d"};
      for (int i = 0; i < 4; i++) {
        f[i] = c.fetch(new ClientId(ids[i]), V0);
      }
      int selected = 0;
      for (CompletableFuture<?> x : f) {
        selected += x.isDone() ? 1 : 0;
      }
      assertEquals(3, selected, "⌈2·1.5⌉ = 3 clients get the model");
      java.util.List<String> chosen = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        if (f[i].isDone()) {
          chosen.add(ids[i]);
        }
      }
      // Data-ratio weights: examples 1 and 3 → (1·4 + 3·8)/4 = 7.
      Uploads.submit(c, chosen.get(0), V0, new float[] {4}, 1, "r1");
      Uploads.submit(c, chosen.get(1), V0, new float[] {8}, 3, "r2");
      assertEquals(7.0, c.currentModel().values()[0], 1e-6);
      assertEquals(SubmitResult.Outcome.DISCARDED_LATE, Uploads.submit(c, chosen.get(2), V0, new float[] {100}).outcome());
      assertEquals(7.0, c.currentModel().values()[0], 1e-6);
    }
  }

  @Test
  void fedAvgRoundTimeoutAppliesWhatArrived() {
    try (Coordinator c = build(Strategy.fedAvg(2, 0, Duration.ofSeconds(10)), new double[] {0})) {
      register(c, "a", "b");
      c.fetch(new ClientId("a"), V0);
      c.fetch(new ClientId("b"), V0);
      Uploads.submit(c, "a", V0, new float[] {5}, 1, "t1");
      assertEquals(0, c.currentModel().version().number());
      c.timerFires();
      assertEquals(1, c.currentModel().version().number());
      assertEquals(5.0, c.currentModel().values()[0], 1e-6);
    }
  }

  @Test
  void fedFixWindowAppliesWhatArrivedAndHoldsTheNextModelUntilThen() {
    try (Coordinator c = build(Strategy.fedFix(Duration.ofSeconds(1), WeightRule.UNBIASED), new double[] {0})) {
      register(c, "a", "b");
      c.timerFires();
      assertEquals(0, c.currentModel().version().number(), "an empty window leaves the model as is");
      SubmitResult r = Uploads.submit(c, "a", V0, new float[] {2});
      CompletableFuture<Assignment> next = c.fetch(new ClientId("a"), V0);
      assertFalse(next.isDone(), "a client with an update in the open window waits for the model that includes it");
      c.timerFires();
      assertTrue(next.isDone());
      assertEquals(r.appliesToVersion(), next.join().model().version());
      assertEquals(1.0, next.join().model().values()[0], 1e-6, "d = (0 + 1)·½");
    }
  }

  @Test
  void concurrencyLimitHoldsFetchesUntilASlotFrees() {
    Strategy s = Strategy.fedBuff(1, WeightRule.IDENTICAL, new StalenessFunction.Constant()).withMaxConcurrency(1);
    try (Coordinator c = build(s, new double[] {0})) {
      register(c, "a", "b");
      CompletableFuture<Assignment> fa = c.fetch(new ClientId("a"), V0);
      CompletableFuture<Assignment> fb = c.fetch(new ClientId("b"), V0);
      assertTrue(fa.isDone());
      assertFalse(fb.isDone());
      Uploads.submit(c, "a", V0, new float[] {1});
      assertTrue(fb.isDone());
      assertEquals(1, fb.join().model().version().number());
    }
  }

  @Test
  void finishTellsWaitingClientsToStop() {
    try (Coordinator c = build(Strategy.fedBuff(2, WeightRule.IDENTICAL, new StalenessFunction.Constant()),
        new double[] {0})) {
      register(c, "a", "b");
      Uploads.submit(c, "a", V0, new float[] {1});
      CompletableFuture<Assignment> f = c.fetch(new ClientId("a"), V0);
      c.finish("test over");
      assertTrue(f.join().finished());
      assertEquals(SubmitResult.Outcome.DISCARDED_FINISHED, Uploads.submit(c, "b", V0, new float[] {1}).outcome());
      assertEquals("test over", c.whenFinished().join());
    }
  }

  @Test
  void restartResumesFromTheCheckpointWithoutApplyingAnUpdateTwice(@TempDir Path dir) {
    CheckpointStore store = new CheckpointStore(dir, 2);
    Strategy s = Strategy.async(WeightRule.IDENTICAL).withServerOptimizer(1.0, 0.5);
    CoordinatorOptions every2 = CoordinatorOptions.defaults().withCheckpointEvery(2);
    Coordinator first = Coordinator.builder(s, new double[] {0}).virtualTime(now::get).options(every2)
        .checkpoints(store).build();
    register(first, "a", "b");
    Uploads.submit(first, "a", V0, new float[] {1}, 1, "u-1");
    Uploads.submit(first, "b", V0, new float[] {1}, 1, "u-2");          // checkpoint at version 2
    Uploads.submit(first, "a", new ModelVersion(0, 2), new float[] {1}, 1, "u-3"); // version 3, lost in the crash
    double atTwo = 1 + 1.5;
    first.close();

    Coordinator second = Coordinator.builder(s, new double[] {0}).virtualTime(now::get).options(every2)
        .checkpoints(store).build();
    try (second) {
      assertEquals(new ModelVersion(1, 2), second.currentModel().version());
      assertEquals(atTwo, second.currentModel().values()[0], 1e-6);
      assertEquals(first.runId(), second.runId());
      // u-2 was applied before the checkpoint: a retry is a duplicate. u-3 was lost: it may come again.
      assertEquals(SubmitResult.Outcome.DUPLICATE,
          Uploads.submit(second, "b", V0, new float[] {1}, 1, "u-2").outcome());
      assertReason(UpdateRejectedException.Reason.UNKNOWN_BASE_VERSION,
          () -> Uploads.submit(second, "a", new ModelVersion(0, 3), new float[] {1}, 1, "u-4"));
      assertEquals(SubmitResult.Outcome.ACCEPTED,
          Uploads.submit(second, "a", new ModelVersion(0, 2), new float[] {1}, 1, "u-3").outcome());
      // momentum 0.5 restored: m = 0.5·1.5 + 1
      assertEquals(atTwo + 1.75, second.currentModel().values()[0], 1e-6);
      assertEquals(3, second.status().updatesApplied());
    }
  }
}
