package io.dpforge.spark.synth.report;

/** Escaping and number formatting for the report's HTML and SVG. */
final class Html {
  private Html() {}

  /** Text safe inside an element or a quoted attribute. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A number for a table cell: 4 significant digits. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) {
      return String.format("%.3e", v);
    }
    return String.format("%.4g", v);
  }

  /** A coordinate in SVG user units. */
  static String xy(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
