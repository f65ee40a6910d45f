package io.dpforge.federated.strategy;

import java.time.Duration;
import java.util.Objects;

/**
 * One aggregation core, four schemes: a strategy is a {@link Trigger} (when to apply), a
 * {@link WeightRule} and {@link StalenessFunction} (how much each update counts), and the server
 * optimizer θ ← θ + η_g·m, m ← β·m + Σ_i ω_i Δ_i (server momentum β as in FedAvgM / FLSim's FedBuff).
 *
 * @param name short name shown in status and results
 * @param trigger when a cohort closes
 * @param weights d_i
 * @param staleness s(τ)
 * @param maxWeight cap on the per-client factor d_i of the unbiased rules (research brief §1.10)
 * @param maxConcurrency most clients training at once (0: no limit); FedBuff's concurrency C
 * @param maxStaleness updates older than this many versions are refused (-1: no limit)
 * @param serverLearningRate η_g
 * @param serverMomentum β in [0, 1)
 */
public record Strategy(
    String name,
    Trigger trigger,
    WeightRule weights,
    StalenessFunction staleness,
    double maxWeight,
    int maxConcurrency,
    long maxStaleness,
    double serverLearningRate,
    double serverMomentum) {

  public Strategy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(staleness, "staleness");
    if (!(maxWeight > 0)) {
      throw new IllegalArgumentException("max weight must be > 0, got " + maxWeight);
    }
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException("concurrency must be >= 0 (0: unlimited), got " + maxConcurrency);
    }
    if (!(serverLearningRate > 0) || !Double.isFinite(serverLearningRate)) {
      throw new IllegalArgumentException("server learning rate must be > 0, got " + serverLearningRate);
    }
    if (!(serverMomentum >= 0 && serverMomentum < 1)) {
      throw new IllegalArgumentException("server momentum must be in [0, 1), got " + serverMomentum);
    }
    if (weights == WeightRule.UNBIASED_TIMED && !(trigger instanceof Trigger.Timer)) {
      throw new IllegalArgumentException("weights 'unbiased-timed' (⌈T_i/Δt⌉·p_i) need the FedFix timer trigger");
    }
    if (weights == WeightRule.EXAMPLES && !(trigger instanceof Trigger.Rounds)) {
      throw new IllegalArgumentException("weights 'examples' are FedAvg's; asynchronous strategies take"
          + " 'identical' or 'unbiased'");
    }
  }

  /** Synchronous FedAvg with data-ratio weights. */
  public static Strategy fedAvg(int cohortSize, double overSelection, Duration roundTimeout) {
    return new Strategy("fedavg", new Trigger.Rounds(cohortSize, overSelection, roundTimeout),
        WeightRule.EXAMPLES, new StalenessFunction.Constant(), 1.0, 0, -1, 1.0, 0.0);
  }

  /** Asynchronous FedAvg: apply every arrival. */
  public static Strategy async(WeightRule weights) {
    return new Strategy("async", new Trigger.Arrivals(1), weights, new StalenessFunction.Constant(),
        DEFAULT_MAX_WEIGHT, 0, -1, 1.0, 0.0);
  }

  /** FedBuff with buffer size K and staleness discount s(τ). */
  public static Strategy fedBuff(int bufferSize, WeightRule weights, StalenessFunction staleness) {
    return new Strategy("fedbuff", new Trigger.Arrivals(bufferSize), weights, staleness,
        DEFAULT_MAX_WEIGHT, 0, -1, 1.0, 0.0);
  }

  /** FedFix with period Δt. */
  public static Strategy fedFix(Duration period, WeightRule weights) {
    return new Strategy("fedfix", new Trigger.Timer(period), weights, new StalenessFunction.Constant(),
        DEFAULT_MAX_WEIGHT, 0, -1, 1.0, 0.0);
  }

  /**
   * Default cap d_max on the unbiased rules' d_i (research brief §1.10): 10 step-weights. With p_i = 1/M a
   * client would need to be absent for 10·M steps to reach it, so it binds only for clients that were
   * away far longer than their peers (offline devices), not for ordinary stragglers. Identical weights
   * are never capped.
   */
  public static final double DEFAULT_MAX_WEIGHT = 10.0;

  public Strategy withServerOptimizer(double learningRate, double momentum) {
    return new Strategy(name, trigger, weights, staleness, maxWeight, maxConcurrency, maxStaleness,
        learningRate, momentum);
  }

  public Strategy withMaxConcurrency(int concurrency) {
    return new Strategy(name, trigger, weights, staleness, maxWeight, concurrency, maxStaleness,
        serverLearningRate, serverMomentum);
  }

  public Strategy withMaxStaleness(long staleness) {
    return new Strategy(name, trigger, weights, this.staleness, maxWeight, maxConcurrency, staleness,
        serverLearningRate, serverMomentum);
  }

  public Strategy withMaxWeight(double cap) {
    return new Strategy(name, trigger, weights, staleness, cap, maxConcurrency, maxStaleness,
        serverLearningRate, serverMomentum);
  }

  /** Δt in seconds for FedFix, 0 otherwise. */
  public double periodSeconds() {
    return trigger instanceof Trigger.Timer t ? t.period().toNanos() / 1e9 : 0.0;
  }

  /** ω_i's per-client factor: d_i (capped for the unbiased rules) times s(τ). */
  public double clientFactor(long staleness, double importance, long numExamples, double computeSeconds) {
    double d = weights.clientFactor(staleness, importance, numExamples, computeSeconds, periodSeconds());
    if (weights == WeightRule.UNBIASED || weights == WeightRule.UNBIASED_TIMED) {
      d = Math.min(d, maxWeight);
    }
    return d * this.staleness.weight(staleness);
  }
}
