package io.dpforge.spark.synth;

import io.dpforge.dp.data.InvalidInputException;
import java.util.Locale;

/** The format of the synthetic table. */
public enum OutputFormat {
  /** One CSV file with a header row (gzip when the name ends in {@code .gz}), written by the driver. */
  CSV,
  /** A Parquet directory written by Spark (one part file). */
  PARQUET;

  public static OutputFormat parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--format must be csv or parquet, got '" + text + "'");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
