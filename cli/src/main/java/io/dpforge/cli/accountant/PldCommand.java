package io.dpforge.cli.accountant;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.dp.accounting.PldAccountant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dpforge accountant pld}: tight ε of the subsampled Gaussian from its privacy loss distribution. */
@Command(
    name = "pld",
    mixinStandardHelpOptions = true,
    description = "Tight ε by the privacy loss distribution (connect-the-dots discretisation, FFT composition),"
        + " an upper bound below the RDP one.")
public final class PldCommand extends JsonCommand {
  @Mixin
  SamplingOptions sampling;

  @Option(names = "--noise-multiplier", required = true, description = "Noise std over L2 sensitivity σ.")
  double noiseMultiplier;

  @Option(names = "--discretisation", defaultValue = "1e-4",
      description = "Loss grid spacing (default: ${DEFAULT-VALUE}, as dp_accounting).")
  double discretisation;

  @Override
  protected Map<String, Object> execute(Console console) {
    sampling.validate();
    SamplingOptions.positive("--noise-multiplier", noiseMultiplier);
    if (!(discretisation > 0 && discretisation < 1)) {
      throw new io.dpforge.dp.data.InvalidInputException("--discretisation: expected a number in (0, 1), got "
          + discretisation);
    }
    double epsilon = PldAccountant.withDiscretisation(discretisation)
        .epsilon(sampling.samplingRate, noiseMultiplier, sampling.steps, sampling.delta);
    console.printf("ε = %.6f (PLD, grid %s)%n", epsilon, discretisation);
    Map<String, Object> r = new LinkedHashMap<>(sampling.describe());
    r.put("noise_multiplier", noiseMultiplier);
    r.put("epsilon", epsilon);
    r.put("discretisation", discretisation);
    return r;
  }
}
