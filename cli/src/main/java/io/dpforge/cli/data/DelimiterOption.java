package io.dpforge.cli.data;

import io.dpforge.dp.data.InvalidInputException;
import picocli.CommandLine.Option;

/** The {@code --delimiter} option shared by commands that read CSV. */
public final class DelimiterOption {
  @Option(names = "--delimiter", defaultValue = ",", description = "CSV field delimiter (default: ${DEFAULT-VALUE}; use '\\t' for tabs).")
  String delimiter;

  public char delimiter() {
    String d = "\\t".equals(delimiter) ? "\t" : delimiter;
    if (d.length() != 1) {
      throw new InvalidInputException("--delimiter must be one character, got '" + delimiter + "'");
    }
    return d.charAt(0);
  }
}
