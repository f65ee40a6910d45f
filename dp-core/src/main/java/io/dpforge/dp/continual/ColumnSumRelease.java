package io.dpforge.dp.continual;

import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.ledger.Charge;

/**
 * MaxSum and SumSelect under continual observation (Jain, Raskhodnikova, Sivakumar and Smith, ICML
 * 2023), with both upper-bound algorithms and a choice between them from the analytic bounds.
 *
 * <pre>{@code
 * ColumnSumRelease release = ColumnSumRelease.builder()
 *     .problem(ColumnSumProblem.SUM_SELECT).columns(1000).horizon(1 << 16).rho(0.5)
 *     .noise(KeyedNoise.of(secret, "sum-select"))
 *     .build();                                 // picks the algorithm with the smaller bound
 * ledger.charge(release.charge("top column, 65,536 steps").using(randomness));
 * ColumnSumStream stream = release.open();
 * }</pre>
 *
 * <p>Privacy unit: one step's vector x_t may change arbitrarily (event level).
 */
public final class ColumnSumRelease {
  private final ColumnSumProblem problem;
  private final int columns;
  private final double rho;
  private final CounterMechanism counter;
  private final ColumnSumPlan plan;
  private final ColumnSumAlgorithm algorithm;
  private final KeyedNoise noise;

  private ColumnSumRelease(Builder b) {
    this.problem = b.problem;
    this.columns = b.columns;
    this.rho = b.rho;
    this.counter = CounterMechanisms.parse(b.counter, b.horizon);
    this.plan = ColumnSumPlan.of(problem, columns, counter, rho, b.beta);
    this.algorithm = b.algorithm == null ? plan.chosen() : b.algorithm;
    this.noise = b.noise;
  }

  public static Builder builder() {
    return new Builder();
  }

  public ColumnSumPlan plan() {
    return plan;
  }

  /** The algorithm in use (the builder's, or the plan's choice). */
  public ColumnSumAlgorithm algorithm() {
    return algorithm;
  }

  /** The zCDP cost of the whole stream (at most ρ). */
  public double cost() {
    if (algorithm == ColumnSumAlgorithm.PER_COLUMN_COUNTERS) {
      return columns * perColumnCalibration().rho();
    }
    double perRefresh = problem == ColumnSumProblem.MAX_SUM ? 5.0 / 8 : 9.0 / 8;
    return plan.refreshes() * perRefresh * plan.refreshEpsilon() * plan.refreshEpsilon();
  }

  /** The ledger charge (state the randomness with {@link Charge#using}). */
  public Charge charge(String released) {
    return Charge.of(problem.name().toLowerCase(java.util.Locale.ROOT) + " / " + algorithm.name()
        .toLowerCase(java.util.Locale.ROOT), released, 1, Double.NaN, RdpCurve.zcdp(cost()));
  }

  /** Opens the stream. */
  public ColumnSumStream open() {
    if (algorithm == ColumnSumAlgorithm.PER_COLUMN_COUNTERS) {
      return new PerColumnCounters(perColumnCalibration(), columns, noise);
    }
    return new LazyRefresh(problem, columns, counter.horizon(), plan, noise);
  }

  private CounterCalibration perColumnCalibration() {
    return CounterCalibration.gaussian(counter, rho / columns);
  }

  /** Builds a {@link ColumnSumRelease}. */
  public static final class Builder {
    private ColumnSumProblem problem = ColumnSumProblem.MAX_SUM;
    private int columns;
    private long horizon;
    private double rho;
    private double beta = 0.05;
    private String counter = "blt:" + CounterMechanisms.DEFAULT_BLT_BUFFERS;
    private ColumnSumAlgorithm algorithm;
    private KeyedNoise noise;

    public Builder problem(ColumnSumProblem problem) {
      this.problem = problem;
      return this;
    }

    /** d, the dimension of each vector. */
    public Builder columns(int columns) {
      this.columns = columns;
      return this;
    }

    public Builder horizon(long horizon) {
      this.horizon = horizon;
      return this;
    }

    /** Total ρ-zCDP for the whole stream. */
    public Builder rho(double rho) {
      this.rho = rho;
      return this;
    }

    /** Failure probability of the error bounds (default 0.05). */
    public Builder beta(double beta) {
      this.beta = beta;
      return this;
    }

    /** The counter per column for U1 (default blt:4). */
    public Builder counter(String counter) {
      this.counter = counter;
      return this;
    }

    /** Forces an algorithm instead of the plan's choice. */
    public Builder algorithm(ColumnSumAlgorithm algorithm) {
      this.algorithm = algorithm;
      return this;
    }

    /** The keyed noise source. */
    public Builder noise(KeyedNoise noise) {
      this.noise = noise;
      return this;
    }

    public ColumnSumRelease build() {
      if (columns < 1) {
        throw new IllegalArgumentException("columns d must be at least 1, got " + columns);
      }
      if (!(rho > 0) || Double.isInfinite(rho)) {
        throw new IllegalArgumentException("rho must be positive and finite, got " + rho);
      }
      if (!(beta > 0 && beta < 1)) {
        throw new IllegalArgumentException("beta must be in (0, 1), got " + beta);
      }
      if (noise == null) {
        throw new IllegalArgumentException("a keyed noise source is required: noise(KeyedNoise.of(secret, domain))");
      }
      return new ColumnSumRelease(this);
    }
  }
}
