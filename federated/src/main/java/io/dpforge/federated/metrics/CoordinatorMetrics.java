package io.dpforge.federated.metrics;

import java.util.Arrays;

/**
 * Running counters of a coordinator: server steps, ingested updates, the staleness histogram and the
 * weight mass Σ_i ω_i per step. Guarded by the coordinator's lock.
 */
public final class CoordinatorMetrics {
  /** Histogram buckets: staleness 0..62 individually, 63 and above together. */
  public static final int STALENESS_BUCKETS = 64;

  private final long startNanos;
  private long steps;
  /** Steps restored from a checkpoint: rates count only this process's steps. */
  private long restoredSteps;
  private long updatesAccepted;
  private long updatesApplied;
  private long cohortsAbandoned;
  private final long[] stalenessCounts = new long[STALENESS_BUCKETS];
  private double weightSumTotal;
  private double lastWeightSum;

  public CoordinatorMetrics(long startNanos) {
    this.startNanos = startNanos;
  }

  public void onAccepted() {
    updatesAccepted++;
  }

  /** Records a secure-aggregation cohort abandoned after too many dropouts. */
  public void onAbandoned() {
    cohortsAbandoned++;
  }

  public long cohortsAbandoned() {
    return cohortsAbandoned;
  }

  /** Records an applied update with its staleness. */
  public void onApplied(long staleness) {
    updatesApplied++;
    stalenessCounts[(int) Math.min(staleness, STALENESS_BUCKETS - 1)]++;
  }

  /** Records a server step and its total realised weight. */
  public void onStep(double weightSum) {
    steps++;
    weightSumTotal += weightSum;
    lastWeightSum = weightSum;
  }

  public long steps() {
    return steps;
  }

  /** Server steps taken by this process (not restored from a checkpoint), for rates. */
  public long stepsThisProcess() {
    return steps - restoredSteps;
  }

  public long updatesAccepted() {
    return updatesAccepted;
  }

  public long updatesApplied() {
    return updatesApplied;
  }

  public double meanWeightSum() {
    return steps == 0 ? 0 : weightSumTotal / steps;
  }

  public double lastWeightSum() {
    return lastWeightSum;
  }

  public long[] stalenessCounts() {
    return stalenessCounts.clone();
  }

  public double elapsedSeconds(long nowNanos) {
    return Math.max(1e-9, (nowNanos - startNanos) / 1e9);
  }

  /** The persisted part: counters that must survive a restart. */
  public record State(long steps, long updatesApplied, long[] stalenessCounts, double weightSumTotal) {}

  public State state() {
    return new State(steps, updatesApplied, stalenessCounts.clone(), weightSumTotal);
  }

  public void restore(State s) {
    steps = s.steps();
    restoredSteps = s.steps();
    updatesApplied = s.updatesApplied();
    Arrays.fill(stalenessCounts, 0);
    System.arraycopy(s.stalenessCounts(), 0, stalenessCounts, 0, Math.min(STALENESS_BUCKETS, s.stalenessCounts().length));
    weightSumTotal = s.weightSumTotal();
  }
}
