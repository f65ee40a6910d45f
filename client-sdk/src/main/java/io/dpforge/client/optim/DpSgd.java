package io.dpforge.client.optim;

import io.dpforge.client.compute.ComputeBackend;
import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.Model;
import io.dpforge.dp.accounting.NoiseCalibration;
import io.dpforge.dp.accounting.PldAccountant;
import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DP-SGD (Abadi et al. 2016, "Deep learning with differential privacy", Algorithm 1): each step
 * Poisson-samples a lot with rate q = b/n, clips every per-example gradient to norm C, adds
 * N(0, z²C²·I) to the sum, divides by the expected lot size b and steps w ← w − η_t·(g̃ + ∇R(w)), with
 * a constant or linearly decaying step ({@link StepSchedule}).
 *
 * <p>Privacy: T Poisson-subsampled Gaussian mechanisms with rate q and noise multiplier z under
 * add/remove-one adjacency, composed by dp-core's RDP or PLD accountant ({@link Accountant}); with
 * {@link Builder#targetEpsilon} the noise multiplier is calibrated so that the composition is
 * (ε, δ)-DP under the chosen accountant. Every step is charged to the ledger, as its Rényi curve,
 * before it touches the data.
 */
public final class DpSgd implements Optimizer {
  private final int expectedBatchSize;
  private final int steps;
  private final double learningRate;
  private final double clipNorm;
  private final Double noiseMultiplier;
  private final Double targetEpsilon;
  private final double delta;
  private final Accountant accountant;
  private final StepSchedule schedule;
  private final Randomness randomness;
  private final PrivacyLedger ledger;
  private final ComputeBackend backend;
  private final ProgressListener progress;

  private DpSgd(Builder b) {
    this.expectedBatchSize = b.expectedBatchSize;
    this.steps = b.steps;
    this.learningRate = b.learningRate;
    this.clipNorm = b.clipNorm;
    this.noiseMultiplier = b.noiseMultiplier;
    this.targetEpsilon = b.targetEpsilon;
    this.delta = b.delta;
    this.accountant = b.accountant;
    this.schedule = b.schedule;
    this.randomness = b.randomness;
    this.ledger = b.ledger;
    this.backend = b.backend;
    this.progress = b.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The noise multiplier this configuration uses on {@code n} examples (calibrated when ε is the target). */
  public double noiseMultiplier(int n) {
    if (noiseMultiplier != null) {
      return noiseMultiplier;
    }
    double q = samplingRate(n);
    if (accountant == Accountant.PLD) {
      return NoiseCalibration.noiseMultiplier(PldAccountant.standard(), targetEpsilon, delta, q, steps,
          Accounting.RELATIVE_TOLERANCE * targetEpsilon);
    }
    return Accounting.calibrate(z -> Accounting.poissonGaussian(q, z).times(steps), targetEpsilon, delta);
  }

  /** Expected per-example gradient evaluations of a run: lot size × steps. */
  public long expectedEvaluations() {
    return (long) expectedBatchSize * steps;
  }

  @Override
  public OptimizationResult optimize(Model model, double[] start, Dataset data) {
    int n = data.size();
    double q = samplingRate(n);
    double z = noiseMultiplier(n);
    RdpCurve stepCost = Accounting.poissonGaussian(q, z);
    double plannedEpsilon = stepCost.times(steps).epsilon(delta);
    PrivacyLedger book = ledger != null ? ledger
        : PrivacyLedger.builder().budget(Budget.approxDp(plannedEpsilon, delta)).build();
    PrivateGradientOracle oracle = new PrivateGradientOracle(model, data, backend, randomness, book);
    double[] w = start.clone();
    for (int t = 1; t <= steps; t++) {
      double[] g = oracle.gradient(w, new PrivateGradientOracle.Query(
          "DP-SGD step " + t + " of " + steps + ": noisy clipped gradient", q, clipNorm, z, stepCost));
      model.regularizer().addGradient(w, g);
      double eta = learningRate * schedule.factor(t, steps);
      for (int j = 0; j < w.length; j++) {
        w[j] -= eta * g[j];
      }
      progress.onProgress(t, steps);
    }
    Map<String, Double> settings = new LinkedHashMap<>();
    settings.put("noise_multiplier", z);
    settings.put("sampling_rate", q);
    settings.put("expected_batch_size", (double) expectedBatchSize);
    settings.put("steps", (double) steps);
    settings.put("learning_rate", learningRate);
    settings.put("linear_decay", schedule == StepSchedule.LINEAR_DECAY ? 1.0 : 0.0);
    settings.put("clip_norm", clipNorm);
    double rdpEpsilon = oracle.spent().epsilon(delta);
    settings.put("epsilon_rdp", rdpEpsilon);
    PrivacySpent privacy = accountant == Accountant.PLD
        ? new PrivacySpent(PldAccountant.standard().epsilon(q, z, steps, delta), delta, accountant.cliName(),
            !randomness.isPrivate())
        : new PrivacySpent(rdpEpsilon, delta, accountant.cliName(), !randomness.isPrivate());
    return OptimizationResult.of(start, w, steps, oracle.gradientEvaluations(), privacy, settings);
  }

  private double samplingRate(int n) {
    if (expectedBatchSize > n) {
      throw new IllegalArgumentException("expected batch size " + expectedBatchSize + " exceeds the " + n
          + " examples");
    }
    return (double) expectedBatchSize / n;
  }

  /** Options of {@link DpSgd}: a noise multiplier or a target ε, and δ, are required. */
  public static final class Builder extends PrivateOptimizerBuilder.Calibrated<Builder> {
    private int expectedBatchSize = 256;
    private int steps = 1000;
    private double learningRate = 0.1;
    private double clipNorm = 1.0;
    private Accountant accountant = Accountant.RDP;
    private StepSchedule schedule = StepSchedule.CONSTANT;

    private Builder() {}

    /** Expected lot size b; the sampling rate is q = b/n (default 256). */
    public Builder expectedBatchSize(int b) {
      Checks.positive("expectedBatchSize", b);
      this.expectedBatchSize = b;
      return this;
    }

    /** Number of steps T (default 1,000). */
    public Builder steps(int steps) {
      Checks.positive("steps", steps);
      this.steps = steps;
      return this;
    }

    /** Step size η (default 0.1). */
    public Builder learningRate(double learningRate) {
      Checks.positive("learningRate", learningRate);
      this.learningRate = learningRate;
      return this;
    }

    /** How η changes over the run (default constant). */
    public Builder schedule(StepSchedule schedule) {
      this.schedule = schedule;
      return this;
    }

    /** Per-example clipping norm C, a public parameter (default 1). */
    public Builder clipNorm(double clipNorm) {
      Checks.positive("clipNorm", clipNorm);
      this.clipNorm = clipNorm;
      return this;
    }

    /**
     * The accountant that calibrates the noise and states ε (default {@link Accountant#RDP}). The ledger
     * records every step as its Rényi curve, so a PLD-calibrated run given its own ledger needs a budget of
     * at least its RDP ε (its settings' {@code epsilon_rdp}).
     */
    public Builder accountant(Accountant accountant) {
      this.accountant = accountant;
      return this;
    }

    public DpSgd build() {
      checkCalibration("DP-SGD");
      return new DpSgd(this);
    }
  }
}
