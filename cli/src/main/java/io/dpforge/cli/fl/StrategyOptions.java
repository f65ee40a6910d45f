package io.dpforge.cli.fl;

import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.federated.core.Importance;
import io.dpforge.federated.strategy.StalenessFunction;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.Trigger;
import io.dpforge.federated.strategy.WeightRule;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The aggregation strategy flags shared by {@code dpforge coordinator} and {@code dpforge fl simulate}. */
public final class StrategyOptions {
  @Option(names = "--strategy", required = true,
      description = "fedavg (synchronous rounds), async (apply every arrival), fedbuff (every K arrivals) or"
          + " fedfix (every period).")
  String strategy;

  @Option(names = "--weights", description = "identical, unbiased ((staleness+1)·p_i, capped) or unbiased-timed"
      + " (FedFix: ⌈T_i/Δt⌉·p_i); fedavg uses examples (data ratio) or identical."
      + " Default: examples for fedavg, unbiased for fedfix, identical otherwise.")
  String weights;

  @Option(names = "--cohort-size", defaultValue = "10", description = "FedAvg: updates per round (default ${DEFAULT-VALUE}).")
  int cohortSize;

  @Option(names = "--over-selection", defaultValue = "0.3",
      description = "FedAvg: fraction of extra clients selected per round (default ${DEFAULT-VALUE}).")
  double overSelection;

  @Option(names = "--round-timeout", defaultValue = "60",
      description = "FedAvg: seconds before a round closes with what arrived (default ${DEFAULT-VALUE}).")
  double roundTimeout;

  @Option(names = "--buffer-size", defaultValue = "10", description = "FedBuff: K (default ${DEFAULT-VALUE}).")
  int bufferSize;

  @Option(names = "--staleness", defaultValue = "constant",
      description = "async and fedbuff: staleness discount s(τ), constant or poly:A for (1+τ)^-A"
          + " (default ${DEFAULT-VALUE}).")
  String staleness;

  @Option(names = "--period", defaultValue = "1.0", description = "FedFix: Δt in seconds (default ${DEFAULT-VALUE}).")
  double period;

  @Option(names = "--concurrency", defaultValue = "0",
      description = "Most clients training at once, 0 for no limit (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--server-lr", defaultValue = "1.0", description = "Server learning rate η_g (default ${DEFAULT-VALUE}).")
  double serverLr;

  @Option(names = "--server-momentum", defaultValue = "0.0",
      description = "Server momentum β in [0, 1) (default ${DEFAULT-VALUE}).")
  double serverMomentum;

  @Option(names = "--max-weight", defaultValue = "10.0",
      description = "Cap on the unbiased weights' d_i (default ${DEFAULT-VALUE}).")
  double maxWeight;

  @Option(names = "--max-staleness", defaultValue = "-1",
      description = "Refuse updates staler than this many versions, -1 for no limit (default ${DEFAULT-VALUE}).")
  long maxStaleness;

  @Option(names = "--importance", defaultValue = "uniform",
      description = "Client importance p_i: uniform or examples (data ratio) (default ${DEFAULT-VALUE}).")
  String importance;

  /** The strategy the flags describe; bad combinations are bad input naming the flag. */
  public Strategy strategy() {
    try {
      Strategy s = switch (strategy) {
        case "fedavg" -> new Strategy("fedavg", new Trigger.Rounds(cohortSize, overSelection, seconds(roundTimeout)),
            WeightRule.parse(weights == null ? "examples" : weights), new StalenessFunction.Constant(),
            Strategy.DEFAULT_MAX_WEIGHT, 0, -1, 1.0, 0.0);
        case "async" -> new Strategy("async", new Trigger.Arrivals(1),
            WeightRule.parse(weights == null ? "identical" : weights), StalenessFunction.parse(staleness),
            Strategy.DEFAULT_MAX_WEIGHT, 0, -1, 1.0, 0.0);
        case "fedbuff" -> Strategy.fedBuff(bufferSize, WeightRule.parse(weights == null ? "identical" : weights),
            StalenessFunction.parse(staleness));
        case "fedfix" -> Strategy.fedFix(seconds(period), WeightRule.parse(weights == null ? "unbiased" : weights));
        default -> throw new IllegalArgumentException("--strategy must be fedavg, async, fedbuff or fedfix, got '"
            + strategy + "'");
      };
      return s.withServerOptimizer(serverLr, serverMomentum).withMaxConcurrency(concurrency)
          .withMaxStaleness(maxStaleness).withMaxWeight(maxWeight);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("strategy flags: " + e.getMessage(), e);
    }
  }

  public Importance importance() {
    try {
      return Importance.parse(importance);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--importance: " + e.getMessage(), e);
    }
  }

  private static Duration seconds(double s) {
    if (!(s > 0) || !Double.isFinite(s)) {
      throw new IllegalArgumentException("durations must be positive seconds, got " + s);
    }
    return Duration.ofNanos((long) (s * 1e9));
  }
}
