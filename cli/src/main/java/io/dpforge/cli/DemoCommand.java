package io.dpforge.cli;

import io.dpforge.cli.synth.SynthDemo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dpforge demo}: runs the product on the bundled CPS 1988 sample with embedded defaults, one
 * step per capability: today the Private-GSD synthesis job with its evaluation.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run dpforge on the bundled CPS 1988 sample with embedded defaults: a differentially private"
        + " synthetic copy (epsilon = 1) with its privacy sidecar and HTML report, then an evaluation against the"
        + " real sample (outside the privacy guarantee).")
public final class DemoCommand extends JsonCommand {
  @Option(names = "--out", defaultValue = "dpforge-demo", paramLabel = "DIR",
      description = "Folder for the demo's outputs (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  protected Map<String, Object> execute(Console console) {
    console.println("dpforge demo: outputs go to " + out.toAbsolutePath().normalize());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("out", out.toString());
    r.putAll(SynthDemo.run(out, console));
    return r;
  }
}
