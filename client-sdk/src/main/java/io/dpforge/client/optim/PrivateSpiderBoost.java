package io.dpforge.client.optim;

import io.dpforge.client.compute.ComputeBackend;
import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.Model;
import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Private SpiderBoost (Arora, Bassily, González, Guzmán, Menart and Ullah, "Faster rates of convergence
 * to stationary points in differentially private optimization", ICML 2023, §4.1, Algorithm 2) for the
 * finite-sum problem min F(w; S).
 *
 * <p>Every q steps an anchor query estimates the gradient afresh: the noisy mean of per-example
 * gradients clipped to L0 (by default over the whole dataset, b1 = n, as in Thm B.3). In between, a
 * variation query estimates ∇F(w_t) − ∇F(w_{t−1}): the noisy mean over a Poisson sample of per-example
 * differences clipped to C_t = min(L1·‖w_t − w_{t−1}‖, 2·L0), the sensitivity an L1-smooth, L0-Lipschitz
 * loss would have (Algorithm 2, lines 2–4 and 12); the running estimate is ∇_t = ∇_{t−1} + Δ_t and the
 * step w_{t+1} = w_t − η·(∇_t + ∇R(w_t)).
 *
 * <p>Privacy. The paper's universal constant c is replaced by accountant calibration (the research
 * brief's recipe): with noise standard deviation z·C on each clipped sum, the anchor is a (subsampled)
 * Gaussian mechanism with multiplier z1 and every variation one with multiplier z2 whatever C_t is.
 * The ⌈T/q⌉ anchors and T − ⌈T/q⌉ variations are charged to the ledger one by one and composed by
 * dp-core's accountant; with {@link Builder#targetEpsilon} a common z (z1 = r·z, z2 = z for the ratio
 * r) is calibrated so that the composition is (ε, δ)-DP. Sampling is Poisson (add/remove adjacency)
 * rather than the paper's fixed-size batches, and the reported ε is for the sampling implemented.
 */
public final class PrivateSpiderBoost implements Optimizer {
  /** Start of every anchor query's ledger description. */
  public static final String ANCHOR = "SpiderBoost anchor gradient";
  /** Start of every variation query's ledger description. */
  public static final String VARIATION = "SpiderBoost gradient variation";
  /** Smallest variation clipping norm, relative to L0 (a zero norm would make the noise scale zero). */
  private static final double MIN_RELATIVE_CLIP = 1e-12;

  private final Config config;

  private PrivateSpiderBoost(Config config) {
    this.config = config;
  }

  /** The settings of a run, frozen when the builder builds. */
  private record Config(int steps, int phaseLength, double anchorSamplingRate, int variationBatchSize,
      double learningRate, double lipschitz, double smoothness, Double noiseMultiplier, double anchorNoiseRatio,
      Double targetEpsilon, double delta, IterateOutput output, Randomness randomness, PrivacyLedger ledger,
      ComputeBackend backend, ProgressListener progress) {}

  public static Builder builder() {
    return new Builder();
  }

  /** The noise multipliers (z1, z2) used on {@code n} examples (calibrated when ε is the target). */
  public double[] noiseMultipliers(int n) {
    if (config.noiseMultiplier() != null) {
      return new double[] {config.anchorNoiseRatio() * config.noiseMultiplier(), config.noiseMultiplier()};
    }
    double z = Accounting.calibrate(zz -> totalCost(n, config.anchorNoiseRatio() * zz, zz), config.targetEpsilon(),
        config.delta());
    return new double[] {config.anchorNoiseRatio() * z, z};
  }

  /** Iterations T. */
  public int steps() {
    return config.steps();
  }

  /** Phase length q. */
  public int phaseLength() {
    return config.phaseLength();
  }

  /** Expected variation batch size b2. */
  public int variationBatchSize() {
    return config.variationBatchSize();
  }

  /** Number of anchor queries, ⌈T/q⌉. */
  public long anchors() {
    return (config.steps() + config.phaseLength() - 1) / config.phaseLength();
  }

  private RdpCurve totalCost(int n, double z1, double z2) {
    return Accounting.poissonGaussian(config.anchorSamplingRate(), z1).times(anchors())
        .plus(Accounting.poissonGaussian(variationRate(n), z2).times(config.steps() - anchors()));
  }

  private double variationRate(int n) {
    if (config.variationBatchSize() > n) {
      throw new IllegalArgumentException("variation batch size " + config.variationBatchSize() + " exceeds the " + n
          + " examples");
    }
    return (double) config.variationBatchSize() / n;
  }

  @Override
  public OptimizationResult optimize(Model model, double[] start, Dataset data) {
    Config c = config;
    int n = data.size();
    double[] z = noiseMultipliers(n);
    double q2 = variationRate(n);
    RdpCurve anchorCost = Accounting.poissonGaussian(c.anchorSamplingRate(), z[0]);
    RdpCurve variationCost = Accounting.poissonGaussian(q2, z[1]);
    PrivacyLedger ledger = c.ledger() != null ? c.ledger()
        : PrivacyLedger.builder().budget(Budget.approxDp(totalCost(n, z[0], z[1]).epsilon(c.delta()), c.delta())).build();
    PrivateGradientOracle oracle = new PrivateGradientOracle(model, data, c.backend(), c.randomness(), ledger);
    long outputStep = c.output() == IterateOutput.RANDOM_ITERATE ? 1 + c.randomness().nextLong(c.steps()) : c.steps();

    double[] w = start.clone();
    double[] previous = new double[w.length];
    double[] estimate = null;
    double[] output = null;
    for (int t = 0; t < c.steps(); t++) {
      if (t % c.phaseLength() == 0) {
        estimate = oracle.gradient(w, new PrivateGradientOracle.Query(
            ANCHOR + " (step " + t + ")", c.anchorSamplingRate(), c.lipschitz(), z[0], anchorCost));
      } else {
        double clip = Math.max(MIN_RELATIVE_CLIP * c.lipschitz(),
            Math.min(c.smoothness() * distance(w, previous), 2 * c.lipschitz()));
        double[] variation = oracle.difference(w, previous, new PrivateGradientOracle.Query(
            VARIATION + " (step " + t + ")", q2, clip, z[1], variationCost));
        for (int j = 0; j < w.length; j++) {
          estimate[j] += variation[j];
        }
      }
      double[] step = estimate.clone();
      model.regularizer().addGradient(w, step);
      System.arraycopy(w, 0, previous, 0, w.length);
      for (int j = 0; j < w.length; j++) {
        w[j] -= c.learningRate() * step[j];
      }
      if (t + 1 == outputStep) {
        output = w.clone();
      }
      c.progress().onProgress(t + 1, c.steps());
    }
    Map<String, Double> settings = new LinkedHashMap<>();
    settings.put("anchor_noise_multiplier", z[0]);
    settings.put("variation_noise_multiplier", z[1]);
    settings.put("anchor_sampling_rate", c.anchorSamplingRate());
    settings.put("variation_sampling_rate", q2);
    settings.put("steps", (double) c.steps());
    settings.put("phase_length", (double) c.phaseLength());
    settings.put("anchors", (double) anchors());
    settings.put("learning_rate", c.learningRate());
    settings.put("lipschitz_clip", c.lipschitz());
    settings.put("smoothness_clip", c.smoothness());
    settings.put("output_step", (double) outputStep);
    PrivacySpent privacy = new PrivacySpent(oracle.spent().epsilon(c.delta()), c.delta(), Accounting.RDP,
        !c.randomness().isPrivate());
    return OptimizationResult.of(start, output, c.steps(), oracle.gradientEvaluations(), privacy, settings);
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double d = a[j] - b[j];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** Options of {@link PrivateSpiderBoost}. */
  public static final class Builder extends PrivateOptimizerBuilder.Calibrated<Builder> {
    private int steps = 1000;
    private int phaseLength = 50;
    private double anchorSamplingRate = 1.0;
    private int variationBatchSize = 1000;
    private double learningRate = 0.5;
    private double lipschitz = 1.0;
    private double smoothness = 1.0;
    private double anchorNoiseRatio = 1.0;
    private IterateOutput output = IterateOutput.LAST_ITERATE;

    private Builder() {}

    /**
     * The parameters of Theorem B.3 (Arora et al. 2023, App. B.1) for n examples in dimension d: with
     * ᾱ = √(d·ln(1/δ))/(nε), η = 1/(2L1), full-batch anchors (b1 = n),
     * b2 = ⌈max{(L0/(√(F0·L1)·ᾱ))^{2/3}, L0^{1/3}·n·ᾱ^{2/3}/(L1·F0)^{1/6}}⌉,
     * T = ⌈max{((F0·L1)^{1/4}/(√L0·ᾱ))^{4/3}, 1/ᾱ}⌉ and q = ⌊1/(T·ᾱ²)⌋ (the proof's q; the printed
     * statement has a dimensionally inconsistent extra L1²). Also sets the target ε and δ.
     *
     * @param initialGap F0 = F(w_0) − min F, an assumed public bound
     */
    public Builder theoryParameters(int n, int d, double epsilon, double delta, double lipschitz,
        double smoothness, double initialGap) {
      double alpha = Math.sqrt(d * Math.log(1 / delta)) / (n * epsilon);
      double b2 = Math.max(Math.pow(lipschitz / (Math.sqrt(initialGap * smoothness) * alpha), 2.0 / 3),
          Math.cbrt(lipschitz) * n * Math.pow(alpha, 2.0 / 3) / Math.pow(smoothness * initialGap, 1.0 / 6));
      double t = Math.max(Math.pow(Math.pow(initialGap * smoothness, 0.25) / (Math.sqrt(lipschitz) * alpha), 4.0 / 3),
          1 / alpha);
      this.steps = (int) Math.ceil(t);
      this.phaseLength = Math.max(1, (int) Math.floor(1 / (steps * alpha * alpha)));
      this.variationBatchSize = (int) Math.min(n, Math.ceil(b2));
      this.anchorSamplingRate = 1.0;
      this.learningRate = 1 / (2 * smoothness);
      this.lipschitz = lipschitz;
      this.smoothness = smoothness;
      return targetEpsilon(epsilon).delta(delta);
    }

    /** Iterations T (default 1,000). */
    public Builder steps(int steps) {
      Checks.positive("steps", steps);
      this.steps = steps;
      return this;
    }

    /** Phase length q: an anchor at every step t with t mod q = 0 (default 50). */
    public Builder phaseLength(int q) {
      Checks.positive("phaseLength", q);
      this.phaseLength = q;
      return this;
    }

    /** Anchor sampling rate b1/n; 1 (the default) uses every example, as in Theorem B.3. */
    public Builder anchorSamplingRate(double rate) {
      if (!(rate > 0 && rate <= 1)) {
        throw new IllegalArgumentException("anchorSamplingRate must be in (0, 1], got " + rate);
      }
      this.anchorSamplingRate = rate;
      return this;
    }

    /** Expected variation batch size b2 (default 1,000). */
    public Builder variationBatchSize(int b2) {
      Checks.positive("variationBatchSize", b2);
      this.variationBatchSize = b2;
      return this;
    }

    /** Step size η (theory: 1/(2·L1); default 0.5). */
    public Builder learningRate(double eta) {
      Checks.positive("learningRate", eta);
      this.learningRate = eta;
      return this;
    }

    /** L0: the anchor clipping norm, and half the cap on a variation's (default 1). Public. */
    public Builder lipschitz(double l0) {
      Checks.positive("lipschitz", l0);
      this.lipschitz = l0;
      return this;
    }

    /** L1: variations are clipped to L1·‖w_t − w_{t−1}‖ (default 1). Public. */
    public Builder smoothness(double l1) {
      Checks.positive("smoothness", l1);
      this.smoothness = l1;
      return this;
    }

    /** z1/z2, the anchor's noise multiplier relative to the variations' z2 = noiseMultiplier (default 1). */
    public Builder anchorNoiseRatio(double ratio) {
      Checks.positive("anchorNoiseRatio", ratio);
      this.anchorNoiseRatio = ratio;
      return this;
    }

    /** Which iterate to return (default the last; the paper analyses a uniformly random one). */
    public Builder output(IterateOutput output) {
      this.output = output;
      return this;
    }

    public PrivateSpiderBoost build() {
      checkCalibration("SpiderBoost");
      return new PrivateSpiderBoost(new Config(steps, phaseLength, anchorSamplingRate, variationBatchSize,
          learningRate, lipschitz, smoothness, noiseMultiplier, anchorNoiseRatio, targetEpsilon, delta, output,
          randomness, ledger, backend, progress));
    }
  }
}
