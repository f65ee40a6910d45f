package io.dpforge.dp.data;

import java.math.BigDecimal;

/** Strict parsing and plain formatting of numbers in CSV cells. */
final class NumberText {
  private NumberText() {}

  /**
   * Parses a plain decimal number ({@code 12}, {@code -3.5}, {@code 1e6}). Unlike
   * {@link Double#parseDouble} this rejects {@code NaN}, {@code Infinity}, hexadecimal and the
   * {@code d}/{@code f} suffixes, which are never meant in a data file.
   *
   * @return the value, or {@code NaN} when {@code s} is not a plain number
   */
  static double parse(String s) {
    int n = s.length();
    if (n == 0) {
      return Double.NaN;
    }
    boolean digit = false;
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        digit = true;
      } else if (ch != '.' && ch != '-' && ch != '+' && ch != 'e' && ch != 'E') {
        return Double.NaN;
      }
    }
    if (!digit) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(s);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Formats without exponent; integer columns print as whole numbers. */
  static String format(double v, boolean integer) {
    if (integer || (v == Math.rint(v) && Math.abs(v) < 1e15)) {
      return integer ? Long.toString((long) v) : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
    return BigDecimal.valueOf(v).toPlainString();
  }
}
