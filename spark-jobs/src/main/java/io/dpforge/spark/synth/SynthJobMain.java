package io.dpforge.spark.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpforge.dp.data.InvalidInputException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The spark-submit entry point of the synthesis job, with the same options as {@code dpforge synth}:
 *
 * <pre>
 * spark-submit --class io.dpforge.spark.synth.SynthJobMain --master yarn spark-jobs-VERSION-job.jar \
 *     --input hdfs:///data/people.csv --domain domain.json --epsilon 1 --out synthetic.csv
 * </pre>
 *
 * Exit codes as every dpforge command: 0 ok, 1 failure, 2 bad input; with {@code --json} one JSON
 * object is printed last on stdout.
 */
@Command(name = "io.dpforge.spark.synth.SynthJobMain", mixinStandardHelpOptions = true,
    description = "Private-GSD on Spark: a differentially private synthetic copy of a table (the dpforge synth job).")
public final class SynthJobMain implements Callable<Integer> {
  @Mixin
  SynthOptions options;

  @Option(names = "--json", description = "Print one JSON object as the last output (human text goes to stderr).")
  boolean json;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cl = new CommandLine(new SynthJobMain());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    PrintStream human = json ? System.err : System.out;
    Map<String, Object> result = new LinkedHashMap<>();
    int code;
    try {
      Map<String, Object> fields = options.run(human, System.err);
      result.put("ok", true);
      result.putAll(fields);
      code = 0;
    } catch (InvalidInputException e) {
      code = fail(result, e.getMessage(), 2);
    } catch (RuntimeException e) {
      code = fail(result, e.getClass().getSimpleName() + ": " + e.getMessage(), 1);
    }
    if (json) {
      try {
        System.out.println(new ObjectMapper().writeValueAsString(result));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("result is not serialisable", e);
      }
    }
    return code;
  }

  private static int fail(Map<String, Object> result, String message, int code) {
    System.err.println("error: " + message);
    result.clear();
    result.put("ok", false);
    result.put("error", message);
    result.put("exit_code", code);
    return code;
  }
}
