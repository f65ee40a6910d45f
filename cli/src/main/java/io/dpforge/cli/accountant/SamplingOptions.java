package io.dpforge.cli.accountant;

import io.dpforge.dp.data.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every accountant command shares: sampling rate, steps and δ. */
public final class SamplingOptions {
  @Option(names = "--sampling-rate", required = true, description = "Poisson sampling rate q, in (0, 1].")
  double samplingRate;

  @Option(names = "--steps", required = true, description = "Number of steps T (at least 1).")
  long steps;

  @Option(names = "--delta", required = true, description = "Target δ, in (0, 1).")
  double delta;

  /** @throws InvalidInputException naming the flag and the allowed range */
  void validate() {
    if (!(samplingRate > 0 && samplingRate <= 1)) {
      throw new InvalidInputException("--sampling-rate: expected a number in (0, 1], got " + samplingRate);
    }
    if (steps < 1) {
      throw new InvalidInputException("--steps: expected an integer >= 1, got " + steps);
    }
    if (!(delta > 0 && delta < 1)) {
      throw new InvalidInputException("--delta: expected a number in (0, 1), got " + delta);
    }
  }

  static double positive(String flag, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidInputException(flag + ": expected a positive number, got " + value);
    }
    return value;
  }

  /** The inputs, for the JSON result. */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sampling_rate", samplingRate);
    m.put("steps", steps);
    m.put("delta", delta);
    return m;
  }
}
