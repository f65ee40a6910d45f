package io.dpforge.spark.synth;

import io.dpforge.dp.data.InvalidInputException;
import java.util.List;
import java.util.Locale;

/** The format of the private input table. */
public enum InputFormat {
  /** Decided from the file names: Parquet when one ends in {@code .parquet}, CSV otherwise. */
  AUTO,
  /** CSV with a header row (plain, or compressed with a codec named by the extension, e.g. {@code .gz}). */
  CSV,
  /** Parquet, columns named as in the domain. */
  PARQUET;

  public static InputFormat parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--input-format must be auto, csv or parquet, got '" + text + "'");
    }
  }

  /** This format, or for {@link #AUTO} the one the file names point to. */
  InputFormat resolve(List<String> files) {
    if (this != AUTO) {
      return this;
    }
    return files.stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).endsWith(".parquet")) ? PARQUET : CSV;
  }
}
