package io.dpforge.cli.accountant;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.dp.accounting.NoiseCalibration;
import io.dpforge.dp.accounting.PldAccountant;
import io.dpforge.dp.accounting.RdpAccountant;
import io.dpforge.dp.accounting.SubsampledGaussianAccountant;
import io.dpforge.dp.data.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dpforge accountant calibrate}: the noise multiplier that meets a target ε. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = "The noise multiplier σ for a target (ε, δ), by Opacus's bisection (σ doubles from 20, then"
        + " halves the bracket until ε is within the tolerance below the target).")
public final class CalibrateCommand extends JsonCommand {
  @Mixin
  SamplingOptions sampling;

  @Option(names = "--epsilon", required = true, description = "Target ε.")
  double epsilon;

  @Option(names = "--accountant", defaultValue = "rdp", description = "rdp or pld (default: ${DEFAULT-VALUE}).")
  String accountant;

  @Option(names = "--tolerance", defaultValue = "0.01",
      description = "Stop when the target ε exceeds the achieved ε by at most this (default: ${DEFAULT-VALUE}, Opacus's).")
  double tolerance;

  @Override
  protected Map<String, Object> execute(Console console) {
    sampling.validate();
    SamplingOptions.positive("--epsilon", epsilon);
    SamplingOptions.positive("--tolerance", tolerance);
    SubsampledGaussianAccountant chosen = switch (accountant) {
      case "rdp" -> RdpAccountant.builder().build();
      case "pld" -> PldAccountant.standard();
      default -> throw new InvalidInputException("--accountant: expected rdp or pld, got " + accountant);
    };
    double sigma;
    try {
      sigma = NoiseCalibration.noiseMultiplier(chosen, epsilon, sampling.delta, sampling.samplingRate,
          sampling.steps, tolerance);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--epsilon: " + e.getMessage(), e);
    }
    double achieved = chosen.epsilon(sampling.samplingRate, sigma, sampling.steps, sampling.delta);
    console.printf("noise multiplier σ = %.6f gives ε = %.6f ≤ %s (%s accountant)%n", sigma, achieved, epsilon, accountant);
    Map<String, Object> r = new LinkedHashMap<>(sampling.describe());
    r.put("target_epsilon", epsilon);
    r.put("accountant", accountant);
    r.put("noise_multiplier", sigma);
    r.put("epsilon", achieved);
    return r;
  }
}
