package io.dpforge.federated.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.accounting.Zcdp;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import io.dpforge.federated.aggregate.Cohort;
import io.dpforge.federated.aggregate.CohortSum;
import io.dpforge.federated.aggregate.Contribution;
import io.dpforge.federated.aggregate.PlainCohort;
import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.core.RunState;
import io.dpforge.federated.strategy.StalenessFunction;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralDpTest {
  private static final double RHO_PER_AGGREGATE_AT_Z2 = 1.0 / 8;

  private static PrivacyLedger ledger(double rho, Path file) {
    PrivacyLedger.Builder b = PrivacyLedger.builder().budget(Budget.zcdp(rho));
    if (file != null) {
      b.persistTo(file);
    }
    return b.build();
  }

  private static CentralDp.Builder dp(PrivacyLedger ledger) {
    return CentralDp.builder().ledger(ledger).randomness(Randomness.seededNotPrivate(7)).clipNorm(1)
        .noiseMultiplier(2);
  }

  /** A cohort of contributions with the given norms (each along its own random direction). */
  private static CohortSum cohort(CentralDp dp, double[] norms, int dimension, SplittableRandom r, int step) {
    Cohort c = PlainCohort.factory(dp.bound()).open(step, dimension);
    for (int i = 0; i < norms.length; i++) {
      float[] v = new float[dimension];
      double sq = 0;
      for (int j = 0; j < dimension; j++) {
        v[j] = (float) r.nextGaussian();
        sq += v[j] * v[j];
      }
      for (int j = 0; j < dimension; j++) {
        v[j] = (float) (v[j] * norms[i] / Math.sqrt(sq));
      }
      c.add(new Contribution(new ClientId("c" + (step * 1000 + i)), v, 1.0, 0, 1));
    }
    return c.seal();
  }

  @Test
  void clipsEachWeightedContributionToTheNorm() {
    CentralDp dp = dp(ledger(10, null)).build();
    Cohort c = PlainCohort.factory(dp.bound()).open(1, 2);
    c.add(new Contribution(new ClientId("a"), new float[] {30, 40}, 0.5, 0, 1)); // ‖ωΔ‖ = 25 → 1
    c.add(new Contribution(new ClientId("b"), new float[] {0.3f, 0.4f}, 1.0, 0, 1)); // 0.5, kept
    CohortSum s = c.seal();
    assertEquals(0.6 + 0.3, s.sum()[0], 1e-6);
    assertEquals(0.8 + 0.4, s.sum()[1], 1e-6);
    assertEquals(1, s.unclipped());
  }

  @Test
  void noiseHasStandardDeviationZTimesClip() {
    CentralDp dp = dp(ledger(10, null)).build();
    CohortSum zero = cohort(dp, new double[] {0.0}, 20_000, new SplittableRandom(1), 1);
    double[] noisy = dp.release(zero).orElseThrow();
    double sq = 0;
    for (double x : noisy) {
      sq += x * x;
    }
    // σ = zC = 2; the sample std of 20,000 draws is within 3% with overwhelming probability.
    assertEquals(2.0, Math.sqrt(sq / noisy.length), 0.06);
  }

  @Test
  void adaptiveClipMovesTowardTheTargetQuantile() {
    // Contribution norms uniform on [0, 10]: the median is 5. From below C must grow, from above shrink.
    for (double start : new double[] {1.0, 20.0}) {
      CentralDp dp = CentralDp.builder().ledger(ledger(1e6, null)).randomness(Randomness.seededNotPrivate(3))
          .clipNorm(start).noiseMultiplier(1.0).adaptiveClipping(new AdaptiveClipping(0.5, 0.2, 2.0)).build();
      SplittableRandom r = new SplittableRandom(11);
      double previous = start;
      for (int step = 1; step <= 60; step++) {
        double[] norms = new double[100];
        for (int i = 0; i < norms.length; i++) {
          norms[i] = 10 * r.nextDouble();
        }
        dp.release(cohort(dp, norms, 4, r, step));
        double now = dp.privacy().orElseThrow().clipNorm();
        if (step == 1) {
          assertTrue(start < 5 ? now > previous : now < previous, "first step from " + start + " went to " + now);
        }
        previous = now;
      }
      assertEquals(5.0, previous, 0.75, "clip norm from " + start);
    }
  }

  @Test
  void correctedMultiplierKeepsTheTotalCost() {
    AdaptiveClipping a = new AdaptiveClipping(0.5, 0.2, 5.0);
    double zSum = a.sumNoiseMultiplier(2.0);
    // ρ(sum) + ρ(count with sensitivity ½) = ρ(z)
    assertEquals(Zcdp.gaussianRho(1, 2.0), Zcdp.gaussianRho(1, zSum) + Zcdp.gaussianRho(0.5, 5.0), 1e-12);
  }

  @Test
  void ledgerRecordsTheMostParticipatingClientAndRefusesPastTheBudget(@TempDir Path dir) {
    Path ledgerFile = dir.resolve("ledger.json");
    Path counts = dir.resolve("participation.json");
    CentralDp dp = dp(ledger(3 * RHO_PER_AGGREGATE_AT_Z2, ledgerFile)).participationFile(counts).build();
    assertEquals(3, dp.privacy().orElseThrow().maxParticipations());
    ClientId a = new ClientId("a");
    for (int step = 1; step <= 3; step++) {
      Cohort c = PlainCohort.factory(dp.bound()).open(step, 3);
      c.add(new Contribution(a, new float[] {1, 0, 0}, 1, 0, 1));
      c.add(new Contribution(new ClientId("b" + step), new float[] {0, 1, 0}, 1, 0, 1));
      assertTrue(dp.release(c.seal()).isPresent());
    }
    assertEquals(3 * RHO_PER_AGGREGATE_AT_Z2, dp.privacy().orElseThrow().rhoSpent(), 1e-12);
    assertFalse(dp.mayContribute(a));
    assertTrue(dp.mayContribute(new ClientId("b1")));
    assertTrue(dp.privacy().orElseThrow().seededNotPrivate());

    // A restart reloads the ledger and the counts: the limit still holds and nothing is refunded.
    CentralDp again = dp(ledger(3 * RHO_PER_AGGREGATE_AT_Z2, ledgerFile)).participationFile(counts).build();
    assertFalse(again.mayContribute(a));
    assertEquals(3 * RHO_PER_AGGREGATE_AT_Z2, again.privacy().orElseThrow().rhoSpent(), 1e-12);
    // A fourth participation of anyone would need a fourth charge: refused, nothing released.
    Cohort c = PlainCohort.factory(again.bound()).open(4, 3);
    c.add(new Contribution(a, new float[] {1, 0, 0}, 1, 0, 1));
    assertTrue(again.release(c.seal()).isEmpty());
    assertEquals(3, ledger(3 * RHO_PER_AGGREGATE_AT_Z2, ledgerFile).entries().size());
  }

  @Test
  void calibratesTheMultiplierForAnEpsilonBudget() {
    double z = CentralDp.noiseMultiplierFor(2.0, 1e-5, 50);
    assertEquals(2.0, Zcdp.epsilon(50 * CentralDp.rhoPerAggregate(z), 1e-5), 1e-6);
  }

  @Test
  void coordinatorStopsWhenEveryClientReachedItsLimit() {
    CentralDp dp = dp(ledger(2 * RHO_PER_AGGREGATE_AT_Z2, null)).build();
    try (Coordinator c = Coordinator.builder(Strategy.fedBuff(2, WeightRule.IDENTICAL, new StalenessFunction.Constant()),
        new double[] {0, 0}).release(dp).build()) {
      c.register(new ClientId("a"), 1);
      c.register(new ClientId("b"), 1);
      for (int v = 0; v < 2; v++) {
        for (String id : new String[] {"a", "b"}) {
          var u = c.beginUpload(new ClientId(id),
              new io.dpforge.federated.core.UpdateHeader(id + v, new ModelVersion(0, v), 2, 1, "", 0)).upload();
          u.append(0, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.1f).putFloat(0.1f).flip());
          c.completeUpload(u);
        }
      }
      assertEquals(RunState.FINISHED, c.runState());
      assertTrue(c.status().finishReason().startsWith("privacy budget spent"), c.status().finishReason());
      assertEquals(2, c.currentModel().version().number());
    }
  }
}
