package io.dpforge.cli.fl;

import io.dpforge.client.optim.DpSgd;
import io.dpforge.client.optim.Optimizer;
import io.dpforge.client.optim.Sgd;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import picocli.CommandLine.Option;

/**
 * Each client's local training: plain SGD, or DP-SGD that protects every example of the client's own
 * data (example-level local DP, independent of the coordinator's user-level central DP). A DP-SGD client
 * holds a ledger with budget (ε, δ) and a noise multiplier calibrated so that {@code --local-rounds}
 * rounds of ⌈epochs·n/batch⌉ Poisson-sampled steps spend exactly that budget; the round after them is
 * refused by the ledger before it touches the data, and the client stops.
 */
public final class LocalTrainingOptions {
  @Option(names = "--optimizer", defaultValue = "sgd",
      description = "Local optimizer: sgd or dpsgd (example-level DP on each client's data; default ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--lr", defaultValue = "0.05", description = "Local learning rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--epochs", defaultValue = "1", description = "Local epochs per round (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch", defaultValue = "32",
      description = "Local minibatch size; the expected lot size for dpsgd (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--local-epsilon", description = "dpsgd: each client's total ε over all its rounds.")
  Double localEpsilon;

  @Option(names = "--local-delta", defaultValue = "1e-5", description = "dpsgd: each client's δ (default ${DEFAULT-VALUE}).")
  double localDelta;

  @Option(names = "--local-rounds", defaultValue = "10",
      description = "dpsgd: local rounds the budget pays for; the client stops after them (default ${DEFAULT-VALUE}).")
  int localRounds;

  @Option(names = "--local-clip", defaultValue = "1.0",
      description = "dpsgd: per-example clipping norm, public (default ${DEFAULT-VALUE}).")
  double localClip;

  /** One client's local training: the optimizer of each round and, for DP-SGD, its local guarantee. */
  public record ClientTraining(LongFunction<Optimizer> optimizerForRound, Map<String, Object> localPrivacy) {}

  /**
   * Client {@code client}'s local training. SGD orders examples by a seed of run, client and round;
   * DP-SGD samples and draws noise from {@code SecureRandom} and charges the client's own ledger.
   *
   * @param examples the client's number of examples (known to the client, which calibrates with it)
   */
  public ClientTraining forClient(long runSeed, int client, int examples) {
    switch (optimizer) {
      case "sgd":
        return new ClientTraining(round -> Sgd.builder().epochs(epochs).batchSize(batch).learningRate(learningRate)
            .seed(runSeed * 1_000_003L + client * 7919L + round).build(), Map.of());
      case "dpsgd": {
        LocalDp dp = localDp(examples);
        Map<String, Object> privacy = new LinkedHashMap<>();
        privacy.put("epsilon", localEpsilon);
        privacy.put("delta", localDelta);
        privacy.put("rounds", localRounds);
        privacy.put("steps_per_round", dp.stepsPerRound());
        privacy.put("expected_lot", dp.lot());
        privacy.put("noise_multiplier", dp.noiseMultiplier());
        privacy.put("clip", localClip);
        return new ClientTraining(round -> DpSgd.builder().expectedBatchSize(dp.lot()).steps(dp.stepsPerRound())
            .learningRate(learningRate).clipNorm(localClip).noiseMultiplier(dp.noiseMultiplier()).delta(localDelta)
            .randomness(Randomness.secure()).ledger(dp.ledger()).build(), privacy);
      }
      default:
        throw new InvalidInputException("--optimizer must be sgd or dpsgd, got '" + optimizer + "'");
    }
  }

  /** The calibration of one DP-SGD client: its lot, steps per round, noise multiplier and ledger. */
  private record LocalDp(int lot, int stepsPerRound, double noiseMultiplier, PrivacyLedger ledger) {}

  private LocalDp localDp(int examples) {
    if (localEpsilon == null || !(localEpsilon > 0)) {
      throw new InvalidInputException("--optimizer dpsgd needs --local-epsilon E > 0");
    }
    if (localRounds < 1 || !(localDelta > 0 && localDelta < 1) || !(localClip > 0)) {
      throw new InvalidInputException("--local-rounds must be >= 1, --local-delta in (0, 1) and --local-clip > 0");
    }
    int lot = Math.min(batch, examples);
    int stepsPerRound = (int) Math.ceil((double) epochs * examples / lot);
    double z = DpSgd.builder().expectedBatchSize(lot).steps(localRounds * stepsPerRound).targetEpsilon(localEpsilon)
        .delta(localDelta).randomness(Randomness.secure()).build().noiseMultiplier(examples);
    PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.approxDp(localEpsilon, localDelta)).build();
    return new LocalDp(lot, stepsPerRound, z, ledger);
  }
}
