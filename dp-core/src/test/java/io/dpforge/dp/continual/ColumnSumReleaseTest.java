package io.dpforge.dp.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnSumReleaseTest {

  @Test
  void planPicksCountersForFewColumnsAndLazyRefreshForMany() {
    ColumnSumPlan few = ColumnSumPlan.of(ColumnSumProblem.MAX_SUM, 4, CounterMechanisms.parse("blt:4", 4096), 0.5, 0.05);
    assertEquals(ColumnSumAlgorithm.PER_COLUMN_COUNTERS, few.chosen());
    long t = 1L << 20;
    ColumnSumPlan many = ColumnSumPlan.of(ColumnSumProblem.SUM_SELECT, 100_000, CounterMechanisms.parse("blt:4", t), 0.5,
        0.05);
    assertEquals(ColumnSumAlgorithm.LAZY_REFRESH, many.chosen());
    assertTrue(many.lazyRefreshBound() < many.perColumnBound());
    // The lazy-refresh bound grows like T^{1/3} (up to log factors): ×8 in T gives about ×2.
    double small = ColumnSumPlan.of(ColumnSumProblem.MAX_SUM, 10, CounterMechanisms.parse("tree", 1 << 17), 1, 0.05)
        .lazyRefreshBound();
    double large = ColumnSumPlan.of(ColumnSumProblem.MAX_SUM, 10, CounterMechanisms.parse("tree", 1 << 20), 1, 0.05)
        .lazyRefreshBound();
    assertTrue(large / small > 1.8 && large / small < 2.4, "T^{1/3} growth: " + large / small);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"MAX_SUM, PER_COLUMN_COUNTERS", "SUM_SELECT, PER_COLUMN_COUNTERS", "MAX_SUM, LAZY_REFRESH",
      "SUM_SELECT, LAZY_REFRESH"})
  void errorStaysWithinTheBoundAtEveryStepAndTheCostWithinRho(ColumnSumProblem problem, ColumnSumAlgorithm algorithm) {
    int d = 20;
    long horizon = 2048;
    double rho = 4;
    ColumnSumRelease release = ColumnSumRelease.builder().problem(problem).algorithm(algorithm).columns(d)
        .horizon(horizon).rho(rho).noise(KeyedNoise.of(NoiseSecret.seededNotPrivate(9), "column-sums")).build();
    assertTrue(release.cost() <= rho * (1 + 1e-12) && release.cost() >= 0.99 * rho, "cost " + release.cost());
    PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.zcdp(rho)).build();
    ledger.charge(release.charge("test stream").using(Randomness.seededNotPrivate(1)));
    ColumnSumStream stream = release.open();
    ColumnSumStream replay = release.open();
    double bound = algorithm == ColumnSumAlgorithm.PER_COLUMN_COUNTERS ? release.plan().perColumnBound()
        : release.plan().lazyRefreshBound();
    SplittableRandom data = new SplittableRandom(5);
    long[] sums = new long[d];
    double worst = 0;
    long max = 0;
    for (long t = 0; t < horizon; t++) {
      boolean[] row = new boolean[d];
      for (int j = 0; j < d; j++) {
        row[j] = data.nextDouble() < 0.1 + 0.4 * j / d;
        sums[j] += row[j] ? 1 : 0;
        max = Math.max(max, sums[j]);
      }
      ColumnSumOutput out = stream.release(row);
      assertEquals(out, replay.release(row), "keyed noise: a replay releases the same");
      double error = problem == ColumnSumProblem.MAX_SUM ? Math.abs(out.maxSum() - max) : max - sums[out.selectedColumn()];
      worst = Math.max(worst, error);
    }
    assertTrue(worst <= bound, problem + " " + algorithm + ": worst error " + worst + " above the bound " + bound);
    assertTrue(bound < 0.8 * max, "the bound is informative: " + bound + " against a max column sum of " + max);
    if (stream instanceof LazyRefresh lazy) {
      assertTrue(lazy.refreshesUsed() <= release.plan().refreshes());
      assertTrue(lazy.refreshesUsed() >= 2, "the released max follows the data");
    }
  }
}
