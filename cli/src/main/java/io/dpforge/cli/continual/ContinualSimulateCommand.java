package io.dpforge.cli.continual;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.dp.continual.CounterCalibration;
import io.dpforge.dp.continual.CounterMechanism;
import io.dpforge.dp.continual.CounterMechanisms;
import io.dpforge.dp.continual.CounterSimulation;
import io.dpforge.dp.continual.KeyedNoise;
import io.dpforge.dp.continual.NoiseSecret;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.random.Randomness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dpforge continual simulate}: empirical variance of released counts beside the analytic one. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Run K independent streams of a counter over a random 0/1 stream and print the empirical"
        + " variance of the released counts beside the analytic variance V_t/(2*rho). Noise is keyed from"
        + " a seeded secret (NOT PRIVATE: a measurement, not a release) unless --secure is given.")
public final class ContinualSimulateCommand extends JsonCommand {
  @Option(names = "--mechanism", required = true, description = "tree, honaker, smooth, sqrt, blt or blt:m.")
  String mechanism;

  @Option(names = "--horizon", required = true, converter = HorizonConverter.class,
      description = "Horizon T (e.g. 4096 or 2^12).")
  long horizon;

  @Option(names = "--trials", defaultValue = "100", description = "K, the number of streams (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--rho", description = "zCDP rho per stream (Gaussian noise).")
  Double rho;

  @Option(names = "--epsilon", description = "Pure DP epsilon per stream (Laplace noise; tree, honaker, smooth only).")
  Double epsilon;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated data and of the noise secret.")
  long seed;

  @Option(names = "--secure", description = "Key the noise with a fresh secret from SecureRandom instead of the seed.")
  boolean secure;

  @Override
  protected Map<String, Object> execute(Console console) {
    if ((rho == null) == (epsilon == null)) {
      throw new InvalidInputException("give exactly one of --rho (Gaussian) or --epsilon (Laplace)");
    }
    if (trials < 2) {
      throw new InvalidInputException("--trials: expected at least 2, got " + trials);
    }
    if (horizon > (1 << 24)) {
      throw new InvalidInputException("--horizon: simulate keeps every step's error; expected at most 2^24, got "
          + horizon);
    }
    CounterCalibration cal;
    try {
      CounterMechanism m = CounterMechanisms.parse(mechanism, horizon);
      cal = rho != null ? CounterCalibration.gaussian(m, rho) : CounterCalibration.laplace(m, epsilon);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    }
    NoiseSecret secret = secure ? NoiseSecret.generate(Randomness.secure()) : NoiseSecret.seededNotPrivate(seed);
    KeyedNoise noise = KeyedNoise.of(secret, cal.mechanism().name());
    console.printf("%s, T = %,d, %d trials, %s; noise: %s%n", cal.mechanism().name(), horizon, trials,
        rho != null ? "rho = " + rho : "epsilon = " + epsilon, noise.describe());
    long started = System.nanoTime();
    CounterSimulation.Result r = CounterSimulation.run(cal, noise, trials, seed);
    double seconds = (System.nanoTime() - started) / 1e9;
    console.println("");
    console.println("| step t | empirical variance | analytic variance | ratio |");
    console.println("|---:|---:|---:|---:|");
    List<Map<String, Object>> steps = new ArrayList<>();
    for (long t : checkpoints(horizon)) {
      double empirical = r.empiricalVariance()[(int) t - 1];
      double analytic = r.analyticVariance()[(int) t - 1];
      console.printf("| %,d | %.4f | %.4f | %.3f |%n", t, empirical, analytic, empirical / analytic);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("step", t);
      row.put("empirical_variance", empirical);
      row.put("analytic_variance", analytic);
      steps.add(row);
    }
    double tolerance = 4 * Math.sqrt(2.0 / trials);
    console.printf("%nmean over steps and trials of e^2/Var: %.4f ± %.4f (1 expected); per-step sampling error"
        + " ±%.0f%% at 4 sd; %.1f s%n", r.meanRatio(), r.meanRatioStandardError(), 100 * tolerance, seconds);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mechanism", cal.mechanism().name());
    out.put("horizon", horizon);
    out.put("trials", trials);
    out.put("noise", noise.describe());
    out.put("private", noise.isPrivate());
    out.put("mean_ratio", r.meanRatio());
    out.put("mean_ratio_standard_error", r.meanRatioStandardError());
    out.put("steps", steps);
    out.put("seconds", seconds);
    return out;
  }

  private static TreeSet<Long> checkpoints(long horizon) {
    TreeSet<Long> steps = new TreeSet<>();
    for (long t : new long[] {1, 2, 3, horizon / 4, horizon / 2, 3 * horizon / 4, horizon - 1, horizon}) {
      if (t >= 1 && t <= horizon) {
        steps.add(t);
      }
    }
    return steps;
  }
}
