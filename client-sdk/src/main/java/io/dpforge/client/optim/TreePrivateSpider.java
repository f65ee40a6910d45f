package io.dpforge.client.optim;

import io.dpforge.client.compute.ComputeBackend;
import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.Model;
import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.Charge;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.noise.GaussianMechanism;
import io.dpforge.dp.random.Randomness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tree-based Private SPIDER (Arora et al. 2023, §3, Algorithm 1) for the population risk F(w; D) in a
 * single pass: every example is used once.
 *
 * <p>Each round walks a binary tree of depth D in depth-first order. The root estimates the gradient
 * on b fresh examples (each clipped to L0). A left child inherits its parent's estimate; a right child
 * at depth k corrects it with the noisy mean, over b/2^k fresh examples, of per-example differences
 * ∇f(w_child; x) − ∇f(w_parent; x). Each leaf stops the run when the estimate is small (‖∇‖ ≤ the stop
 * threshold 2α̃) or takes a normalised step of length β/(2^{D/2}·L1). So each estimate is refreshed at
 * most D times per 2^D steps instead of at every step.
 *
 * <p>Privacy (Thm 3.1): the batches are disjoint, so each example influences one release only, and the
 * run is (ε, δ)-DP when every release is (parallel composition; the adaptive choice of later queries is
 * post-processing of earlier releases). Under replace-one adjacency the root's mean has sensitivity
 * 2L0/b, and a right child's at depth k has 2·C_k·2^k/b with C_k = 2^{D−k}·β/2^{D/2}, the largest
 * distance between child and parent iterate times L1 (App. C); differences are clipped to C_k so the
 * bound holds for any loss. Each release's noise is calibrated by dp-core's analytic Gaussian
 * mechanism for (ε, δ) (Balle and Wang 2018), tighter than the paper's σ² = 2Δ²·log(1.25/δ)/ε² and
 * valid for every ε. The ledger gets one charge for the whole run, naming the parallel composition.
 */
public final class TreePrivateSpider implements Optimizer {
  /** Start of the run's ledger description. */
  public static final String RELEASES = "tree-based private SPIDER";

  private final Config config;

  private TreePrivateSpider(Config config) {
    this.config = config;
  }

  private record Config(double epsilon, double delta, double lipschitz, double smoothness, int batchSize,
      int depth, double stepLength, double stopThreshold, IterateOutput output, Randomness randomness,
      PrivacyLedger ledger, ComputeBackend backend, ProgressListener progress) {}

  public static Builder builder() {
    return new Builder();
  }

  /** One node's fresh examples: positions [from, to) of the run's example order. */
  record NodeBatch(int round, int depth, int from, int to) {}

  /**
   * Every batch of a run over n examples, in the order they are used: per round the root (b examples)
   * then, in depth-first order, each right child at depth k (b/2^k examples). Rounds continue while a
   * whole round, b·(D/2 + 1) examples, is left.
   */
  static List<NodeBatch> plan(int n, int batchSize, int depth) {
    List<NodeBatch> batches = new ArrayList<>();
    int perRound = batchSize + depth * batchSize / 2;
    int next = 0;
    for (int round = 0; next + perRound <= n; round++) {
      batches.add(new NodeBatch(round, 0, next, next + batchSize));
      next += batchSize;
      for (int leaf = 1; leaf < 1 << depth; leaf++) {
        int k = firstChangedDepth(leaf, depth);
        int size = batchSize >> k;
        batches.add(new NodeBatch(round, k, next, next + size));
        next += size;
      }
    }
    return batches;
  }

  /** Depth (1..D) of the right child created when the walk moves to leaf {@code leaf} ≥ 1. */
  private static int firstChangedDepth(int leaf, int depth) {
    return depth - Integer.numberOfTrailingZeros(leaf);
  }

  @Override
  public OptimizationResult optimize(Model model, double[] start, Dataset data) {
    Config c = config;
    int p = model.dimension();
    int leaves = 1 << c.depth();
    List<NodeBatch> plan = plan(data.size(), c.batchSize(), c.depth());
    if (plan.isEmpty()) {
      throw new IllegalArgumentException("one round needs b·(D/2 + 1) = " + (c.batchSize() + c.depth() * c.batchSize() / 2)
          + " examples, only " + data.size() + " given");
    }
    int rounds = plan.get(plan.size() - 1).round() + 1;
    double rootSensitivity = 2 * c.lipschitz() / c.batchSize();
    GaussianMechanism root = mechanism(rootSensitivity);
    PrivacyLedger ledger = c.ledger() != null ? c.ledger()
        : PrivacyLedger.builder().budget(Budget.approxDp(c.epsilon(), c.delta())).build();
    RdpCurve cost = RdpCurve.gaussian(rootSensitivity, root.sigma());
    ledger.charge(Charge.of("gaussian (disjoint batches)", RELEASES + ": " + plan.size() + " Gaussian releases on"
        + " disjoint batches, each (" + c.epsilon() + ", " + c.delta() + ")-DP (parallel composition)",
        rootSensitivity, root.sigma(), cost).using(c.randomness()));

    int[] order = shuffledOrder(data.size(), c.randomness());
    PerExampleClipping clipping = new PerExampleClipping(model, c.backend());
    double[][] estimate = new double[c.depth() + 1][p];
    double[][] iterate = new double[c.depth() + 1][];
    double[] sum = new double[p];
    double[] w = start.clone();
    double leafStep = c.stepLength() / (Math.pow(2, c.depth() / 2.0) * c.smoothness());
    long totalLeaves = (long) rounds * leaves;
    long outputLeaf = c.output() == IterateOutput.RANDOM_ITERATE ? 1 + c.randomness().nextLong(totalLeaves) : totalLeaves;
    double[] output = null;
    long evaluations = 0;
    long stepsTaken = 0;
    int next = 0;
    boolean stopped = false;
    for (int round = 0; round < rounds && !stopped; round++) {
      NodeBatch rootBatch = plan.get(next++);
      Dataset rootExamples = data.select(java.util.Arrays.copyOfRange(order, rootBatch.from(), rootBatch.to()));
      clipping.clippedGradientSum(w, rootExamples, c.lipschitz(), sum);
      evaluations += rootExamples.size();
      estimate[0] = root.addNoise(scaled(sum, 1.0 / c.batchSize()));
      iterate[0] = w.clone();
      for (int leaf = 0; leaf < leaves; leaf++) {
        int changed = leaf == 0 ? 1 : firstChangedDepth(leaf, c.depth());
        for (int k = changed; k <= c.depth(); k++) {
          boolean right = ((leaf >> (c.depth() - k)) & 1) == 1;
          if (!right) {
            estimate[k] = estimate[k - 1].clone();
            iterate[k] = iterate[k - 1];
            continue;
          }
          NodeBatch b = plan.get(next++);
          Dataset examples = data.select(java.util.Arrays.copyOfRange(order, b.from(), b.to()));
          double clip = Math.pow(2, c.depth() - k) * c.stepLength() / Math.pow(2, c.depth() / 2.0);
          iterate[k] = w.clone();
          clipping.clippedDifferenceSum(iterate[k], iterate[k - 1], examples, clip, sum);
          evaluations += 2L * examples.size();
          double[] correction = mechanism(2 * clip / examples.size()).addNoise(scaled(sum, 1.0 / examples.size()));
          for (int j = 0; j < p; j++) {
            estimate[k][j] = estimate[k - 1][j] + correction[j];
          }
        }
        double[] direction = estimate[c.depth()].clone();
        model.regularizer().addGradient(w, direction);
        double norm = norm(direction);
        if (norm <= c.stopThreshold()) {
          output = w.clone();
          stopped = true;
          break;
        }
        for (int j = 0; j < p; j++) {
          w[j] -= leafStep / norm * direction[j];
        }
        stepsTaken++;
        if (stepsTaken == outputLeaf) {
          output = w.clone();
        }
      }
      c.progress().onProgress(round + 1, rounds);
    }
    if (output == null) {
      output = w.clone();
    }
    Map<String, Double> settings = new LinkedHashMap<>();
    settings.put("batch_size", (double) c.batchSize());
    settings.put("depth", (double) c.depth());
    settings.put("rounds", (double) rounds);
    settings.put("step_length", c.stepLength());
    settings.put("stop_threshold", c.stopThreshold());
    settings.put("root_noise_sigma", root.sigma());
    settings.put("stopped_early", stopped ? 1.0 : 0.0);
    PrivacySpent privacy = new PrivacySpent(c.epsilon(), c.delta(), "parallel composition of (ε, δ) Gaussian releases",
        !c.randomness().isPrivate());
    return OptimizationResult.of(start, output, stepsTaken, evaluations, privacy, settings);
  }

  private GaussianMechanism mechanism(double sensitivity) {
    return GaussianMechanism.builder().l2Sensitivity(sensitivity).epsilonDelta(config.epsilon(), config.delta())
        .randomness(config.randomness()).build();
  }

  private static double[] scaled(double[] v, double factor) {
    double[] out = new double[v.length];
    for (int j = 0; j < v.length; j++) {
      out[j] = v[j] * factor;
    }
    return out;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** A uniformly random order of the examples (exact Fisher–Yates with the run's randomness). */
  private static int[] shuffledOrder(int n, Randomness randomness) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = randomness.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Options of {@link TreePrivateSpider}. */
  public static final class Builder extends PrivateOptimizerBuilder<Builder> {
    private double epsilon = Double.NaN;
    private double lipschitz = 1.0;
    private double smoothness = 1.0;
    private int batchSize = 1024;
    private int depth = 4;
    private double stepLength = 0.1;
    private double stopThreshold;
    private IterateOutput output = IterateOutput.LAST_ITERATE;

    private Builder() {}

    /**
     * The parameters of Theorem 3.2 for n examples in dimension d (Arora et al. 2023, §3):
     * b = max{n^{2/3}, √n·d^{1/4}/√ε} rounded up to a multiple of 2^D, D the largest depth with
     * D·2^{D+1} ≤ b, α = √2·L0·max{n^{−1/3}, (√d/(nε))^{1/2}}, β = α·min{1, √(bε/d)}. The theorem's stop
     * threshold 2·C̃·α has C̃ ≥ 256·log(1.25/δ)·log(…), which would stop at the first leaf in practice;
     * this sets C̃ = 1 (threshold 2α), a practical choice outside the theorem.
     */
    public Builder theoryParameters(int n, int d, double epsilon, double delta, double lipschitz,
        double smoothness) {
      double b = Math.max(Math.pow(n, 2.0 / 3), Math.sqrt(n) * Math.pow(d, 0.25) / Math.sqrt(epsilon));
      int dd = 1;
      while ((dd + 1) * Math.pow(2, dd + 2) <= b) {
        dd++;
      }
      int unit = 1 << dd;
      this.depth = dd;
      this.batchSize = (int) (Math.ceil(b / unit) * unit);
      double alpha = Math.sqrt(2) * lipschitz * Math.max(Math.pow(n, -1.0 / 3), Math.sqrt(Math.sqrt(d) / (n * epsilon)));
      this.stepLength = alpha * Math.min(1, Math.sqrt(batchSize * epsilon / d));
      this.stopThreshold = 2 * alpha;
      this.lipschitz = lipschitz;
      this.smoothness = smoothness;
      this.epsilon = epsilon;
      this.delta = delta;
      return this;
    }

    /** ε of every release, hence of the run (required). */
    public Builder epsilon(double epsilon) {
      Checks.positive("epsilon", epsilon);
      this.epsilon = epsilon;
      return this;
    }

    /** L0: per-example gradients at the root are clipped to it (default 1). */
    public Builder lipschitz(double l0) {
      Checks.positive("lipschitz", l0);
      this.lipschitz = l0;
      return this;
    }

    /** L1: sets the leaf step length β/(2^{D/2}·L1) (default 1). */
    public Builder smoothness(double l1) {
      Checks.positive("smoothness", l1);
      this.smoothness = l1;
      return this;
    }

    /** Root batch size b, a multiple of 2^D (default 1,024). */
    public Builder batchSize(int b) {
      Checks.positive("batchSize", b);
      this.batchSize = b;
      return this;
    }

    /** Tree depth D ≥ 1 (default 4). */
    public Builder depth(int depth) {
      if (depth < 1 || depth > 20) {
        throw new IllegalArgumentException("depth must be in 1..20, got " + depth);
      }
      this.depth = depth;
      return this;
    }

    /** β: each leaf step has length β/(2^{D/2}·L1) (default 0.1). */
    public Builder stepLength(double beta) {
      Checks.positive("stepLength", beta);
      this.stepLength = beta;
      return this;
    }

    /** Stop at the first leaf whose estimate has norm at most this (default 0: never). */
    public Builder stopThreshold(double threshold) {
      if (!(threshold >= 0)) {
        throw new IllegalArgumentException("stopThreshold must be >= 0, got " + threshold);
      }
      this.stopThreshold = threshold;
      return this;
    }

    public Builder output(IterateOutput output) {
      this.output = output;
      return this;
    }

    public TreePrivateSpider build() {
      if (Double.isNaN(epsilon)) {
        throw new IllegalArgumentException("tree-based SPIDER needs epsilon(ε)");
      }
      if (batchSize % (1 << depth) != 0) {
        throw new IllegalArgumentException("batchSize " + batchSize + " must be a multiple of 2^depth = " + (1 << depth));
      }
      checkPrivacyOptions("tree-based SPIDER");
      return new TreePrivateSpider(new Config(epsilon, delta, lipschitz, smoothness, batchSize, depth, stepLength,
          stopThreshold, output, randomness, ledger, backend, progress));
    }
  }
}
