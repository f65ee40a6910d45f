package io.dpforge.cli.fl;

import io.dpforge.cli.Console;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.dp.AdaptiveClipping;
import io.dpforge.federated.dp.CentralDp;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Central DP flags: {@code --dp-clip C} with {@code --dp-noise Z} or {@code --dp-epsilon E}. The budget is
 * an (ε, δ) target, or k participations per client at multiplier z ({@code --dp-max-participations}).
 */
public final class CentralDpOptions {
  @Option(names = "--dp-clip", description = "Central DP: L2 bound C on each client's weighted update.")
  Double clip;

  @Option(names = "--dp-noise", description = "Noise multiplier z: each aggregate gets N(0, (zC)²) per coordinate.")
  Double noise;

  @Option(names = "--dp-epsilon", description = "Total user-level ε (with --dp-delta); with --dp-max-participations"
      + " and no --dp-noise, z is calibrated to spend exactly this.")
  Double epsilon;

  @Option(names = "--dp-delta", defaultValue = "1e-5", description = "δ (default ${DEFAULT-VALUE}).")
  double delta;

  @Option(names = "--dp-max-participations", description = "Aggregates one client may contribute to (k).")
  Integer maxParticipations;

  @Option(names = "--dp-adaptive-clip", description = "Adapt C toward this quantile of update norms (Andrew et al. 2021), e.g. 0.5.")
  Double adaptiveQuantile;

  @Option(names = "--dp-count-noise", defaultValue = "5", description = "Adaptive clipping: σ_b of the count (default ${DEFAULT-VALUE}).")
  double countNoise;

  @Option(names = "--dp-ledger", description = "Privacy ledger file (default: privacy-ledger.json in --checkpoint).")
  Path ledgerFile;

  @Option(names = "--dp-seed", description = "Seeded noise for reproducible runs: the run is then NOT PRIVATE.")
  Long seed;

  boolean enabled() {
    return clip != null || noise != null || epsilon != null;
  }

  /**
   * Adds central DP to the coordinator when its flags are given. Example counts are private, so under
   * DP neither the weights nor the importance may use them.
   */
  void apply(Coordinator.Builder builder, StrategyOptions strategy, Path checkpointDir, Console console) {
    if (!enabled()) {
      return;
    }
    if (strategy.strategy().weights() == io.dpforge.federated.strategy.WeightRule.EXAMPLES
        || strategy.importance() == io.dpforge.federated.core.Importance.EXAMPLES) {
      throw new InvalidInputException("central DP: --weights examples and --importance examples use the clients'"
          + " private example counts; use --weights identical or unbiased and --importance uniform");
    }
    if (clip == null || !(clip > 0)) {
      throw new InvalidInputException("--dp-clip C > 0 is required with central DP");
    }
    double z;
    Budget budget;
    if (epsilon != null) {
      budget = Budget.approxDp(epsilon, delta);
      if (noise != null) {
        z = noise;
      } else if (maxParticipations != null) {
        z = CentralDp.noiseMultiplierFor(epsilon, delta, maxParticipations);
      } else {
        throw new InvalidInputException("--dp-epsilon needs --dp-noise Z or --dp-max-participations K");
      }
    } else if (noise != null && maxParticipations != null) {
      z = noise;
      budget = Budget.zcdp(maxParticipations * CentralDp.rhoPerAggregate(z));
    } else {
      throw new InvalidInputException("central DP needs a budget: --dp-epsilon E, or --dp-noise Z with"
          + " --dp-max-participations K");
    }
    Path ledger = ledgerFile != null ? ledgerFile : checkpointDir != null ? checkpointDir.resolve("privacy-ledger.json") : null;
    Randomness r = seed == null ? Randomness.secure() : Randomness.seededNotPrivate(seed);
    PrivacyLedger.Builder lb = PrivacyLedger.builder().budget(budget);
    if (ledger != null) {
      lb.persistTo(ledger);
    }
    try {
      CentralDp dp = CentralDp.builder().ledger(lb.build()).randomness(r).clipNorm(clip).noiseMultiplier(z)
          .delta(delta)
          .adaptiveClipping(adaptiveQuantile == null ? null : new AdaptiveClipping(adaptiveQuantile, 0.2, countNoise))
          .participationFile(ledger == null ? null : ledger.resolveSibling("participation.json"))
          .build();
      builder.release(dp);
      console.printf("central DP: clip %.4g, noise multiplier %.4g, at most %d aggregates per client, budget %s%s%n",
          clip, z, dp.privacy().orElseThrow().maxParticipations(), budget.limit() + " " + budget.unit(),
          seed == null ? "" : "; seeded noise: NOT PRIVATE");
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("central DP flags: " + e.getMessage(), e);
    }
  }
}
