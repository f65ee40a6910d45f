package io.dpforge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dpforge.dp.data.InvalidInputException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * Base of every leaf command. With {@code --json} the human-readable text goes to stderr and the
 * command prints exactly one JSON object on stdout as its last output; errors are JSON too.
 *
 * <p>Exit codes: 0 success, 1 failure while running (I/O, internal), 2 bad input (a file, line or
 * field that does not match what was expected; usage errors also exit 2).
 */
public abstract class JsonCommand implements Callable<Integer> {
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_BAD_INPUT = 2;

  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  @Option(names = "--json", description = "Print one JSON object as the last output, for scripts"
      + " (human-readable text then goes to stderr).")
  protected boolean json;

  /**
   * Runs the command.
   *
   * @param console where human-readable text goes
   * @return the fields of the JSON result (in order); the human output is the console's business
   */
  protected abstract Map<String, Object> execute(Console console) throws Exception;

  @Override
  public final Integer call() {
    Console console = new Console(json ? System.err : System.out, System.err);
    Map<String, Object> result = new LinkedHashMap<>();
    int code;
    try {
      result.put("ok", true);
      result.putAll(execute(console));
      code = 0;
    } catch (InvalidInputException e) {
      code = fail(console, result, e.getMessage(), EXIT_BAD_INPUT);
    } catch (UncheckedIOException e) {
      code = fail(console, result, e.getMessage(), EXIT_FAILURE);
    } catch (Exception e) {
      code = fail(console, result, e.getClass().getSimpleName() + ": " + e.getMessage(), EXIT_FAILURE);
      if (System.getenv("DPFORGE_DEBUG") != null) {
        e.printStackTrace();
      }
    }
    if (json) {
      System.out.println(toJson(result));
      System.out.flush();
    }
    return code;
  }

  private static int fail(Console console, Map<String, Object> result, String message, int code) {
    console.error(message);
    result.clear();
    result.put("ok", false);
    result.put("error", message);
    result.put("exit_code", code);
    return code;
  }

  /** One line of JSON. */
  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("result is not serialisable to JSON", e);
    }
  }
}
