package io.dpforge.dp.data;

import java.util.Locale;

/** What a reader does with a row holding a value outside the domain ({@code --on-invalid}). */
public enum InvalidValuePolicy {
  /** Stop at the first bad value with an error naming file, line and column (the default). */
  ERROR,
  /**
   * Clamp numeric values to the public bounds (and round them in integer columns). A value that
   * cannot be clipped (unknown category, malformed number, empty field) drops its row.
   */
  CLIP,
  /** Drop every row holding a bad value. */
  DROP;

  /** Parses {@code error|clip|drop}. */
  public static InvalidValuePolicy parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--on-invalid must be error, clip or drop, got '" + s + "'");
    }
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
