package io.dpforge.dp.continual;

import io.dpforge.dp.noise.DiscreteLaplace;

/**
 * Upper bound U2 of Jain et al. (2023), the sparse-vector lazy refresh (research brief §a.5; parameters
 * and bounds in {@link ColumnSumPlan}). The exact column sums are private state; the released max is
 * refreshed only when AboveThreshold says the noisy max has cleared the last release by the gap k, at
 * most c times. Every draw is keyed ({@link KeyedNoise}): query noise by step, threshold, value and
 * selection noise by refresh number, so a replay releases the same values.
 *
 * <p>All quantities compared are integers (sums, exact discrete Laplace draws) plus the public gap, so
 * the standard AboveThreshold proof (Dwork and Roth 2014, Theorem 3.23) applies to discrete Laplace
 * unchanged: it only shifts the threshold noise by one and the query noise by two. If the c refreshes
 * run out, the last release stays (stale) rather than spending more.
 */
final class LazyRefresh implements ColumnSumStream {
  private final ColumnSumProblem problem;
  private final long horizon;
  private final long refreshes;
  private final double gap;
  private final long[] sums;
  private final NoiseDraws query;
  private final NoiseDraws threshold;
  private final NoiseDraws value;
  private final NoiseDraws[] selection;
  private long steps;
  private long used;
  private long released;
  private long thresholdNoise;
  private int selected;

  LazyRefresh(ColumnSumProblem problem, int columns, long horizon, ColumnSumPlan plan, KeyedNoise noise) {
    this.problem = problem;
    this.horizon = horizon;
    this.refreshes = plan.refreshes();
    this.gap = plan.refreshGap();
    this.sums = new long[columns];
    double e0 = plan.refreshEpsilon();
    // Scales rounded up: each component then costs at most its nominal ε.
    DiscreteLaplace two = DiscreteLaplace.withScale(Math.nextUp(2 / e0));
    DiscreteLaplace four = DiscreteLaplace.withScale(Math.nextUp(4 / e0));
    this.query = noise.drawsFor("query", four::sample);
    this.threshold = noise.drawsFor("threshold", two::sample);
    this.value = noise.drawsFor("value", two::sample);
    this.selection = new NoiseDraws[problem == ColumnSumProblem.SUM_SELECT ? columns : 0];
    for (int j = 0; j < selection.length; j++) {
      selection[j] = noise.drawsFor("select/" + j, two::sample);
    }
    this.thresholdNoise = threshold.draw(0);
  }

  @Override
  public ColumnSumOutput release(boolean[] row) {
    ColumnSums.checkRow(row, sums.length);
    if (steps >= horizon) {
      throw Horizon.exhausted(horizon);
    }
    long max = Long.MIN_VALUE;
    for (int j = 0; j < sums.length; j++) {
      if (row[j]) {
        sums[j]++;
      }
      max = Math.max(max, sums[j]);
    }
    long step = steps++;
    if (used < refreshes && max + query.draw(step) >= released + gap + thresholdNoise) {
      released = max + value.draw(used);
      if (problem == ColumnSumProblem.SUM_SELECT) {
        selected = noisyArgmax(used);
      }
      used++;
      thresholdNoise = threshold.draw(used);
    }
    return new ColumnSumOutput(released, problem == ColumnSumProblem.SUM_SELECT ? selected : -1);
  }

  /** Report noisy max (Dwork and Roth 2014, Claim 3.9): argmax_j S_j + Lap(2/e₀). */
  private int noisyArgmax(long refresh) {
    int best = 0;
    long bestValue = Long.MIN_VALUE;
    for (int j = 0; j < sums.length; j++) {
      long v = sums[j] + selection[j].draw(refresh);
      if (v > bestValue) {
        bestValue = v;
        best = j;
      }
    }
    return best;
  }

  /** Refreshes spent so far. */
  long refreshesUsed() {
    return used;
  }

  @Override
  public long steps() {
    return steps;
  }
}
