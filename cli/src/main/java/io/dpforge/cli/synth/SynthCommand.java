package io.dpforge.cli.synth;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.spark.synth.SynthOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dpforge synth}: the Private-GSD Spark job ({@link io.dpforge.spark.synth.SynthJob}) on an
 * embedded Spark ({@code local[*]}) or any master. The same options run under spark-submit through
 * {@link io.dpforge.spark.synth.SynthJobMain}.
 */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = "Make a differentially private synthetic copy of a table (Private-GSD on Spark): one distributed"
        + " pass measures the workload, a genetic algorithm fits the noisy answers. Writes the synthetic table, a"
        + " privacy sidecar (OUT.privacy.json) and optionally an HTML report.")
public final class SynthCommand extends JsonCommand {
  @Mixin
  SynthOptions options;

  @Override
  protected Map<String, Object> execute(Console console) {
    return options.run(console.stream(), System.err);
  }
}
