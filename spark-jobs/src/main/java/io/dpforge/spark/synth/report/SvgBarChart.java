package io.dpforge.spark.synth.report;

import java.util.Locale;

/**
 * A grouped bar chart in inline SVG: per cell of a marginal, the noisy estimate (with a ±1 σ whisker
 * for its noise) beside the synthetic data's answer. Every bar carries its exact value as a tooltip.
 */
final class SvgBarChart {
  static final String NOISY_COLOUR = "#4c72b0";
  static final String SYNTHETIC_COLOUR = "#dd8452";

  private static final int BAR = 9;
  private static final int GAP = 6;
  private static final int PLOT_HEIGHT = 160;
  private static final int LEFT = 48;
  private static final int TOP = 12;
  private static final int LABEL_ROOM = 110;

  private SvgBarChart() {}

  static String render(MarginalView v) {
    int n = v.cells().size();
    int group = 2 * BAR + GAP;
    int width = LEFT + Math.max(n * group, 120) + 16;
    int height = TOP + PLOT_HEIGHT + LABEL_ROOM;
    double max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, Math.max(v.noisy()[i] + v.noiseSd(), v.synthetic()[i]));
    }
    double top = niceCeiling(max);
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n", width, height, width, height,
        Html.escape(v.title())));
    axis(s, top, width);
    for (int i = 0; i < n; i++) {
      double x = LEFT + i * group + GAP / 2.0;
      bar(s, x, v.noisy()[i], top, NOISY_COLOUR, v.cells().get(i) + ": noisy " + Html.num(v.noisy()[i])
          + " ± " + Html.num(v.noiseSd()));
      whisker(s, x + BAR / 2.0, v.noisy()[i], v.noiseSd(), top);
      bar(s, x + BAR, v.synthetic()[i], top, SYNTHETIC_COLOUR, v.cells().get(i) + ": synthetic "
          + Html.num(v.synthetic()[i]));
      double lx = x + BAR;
      double ly = TOP + PLOT_HEIGHT + 8;
      s.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-size=\"9\" text-anchor=\"end\""
          + " transform=\"rotate(-55 %s %s)\">%s</text>%n", Html.xy(lx), Html.xy(ly), Html.xy(lx), Html.xy(ly),
          Html.escape(shorten(v.cells().get(i)))));
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static void axis(StringBuilder s, double top, int width) {
    int base = TOP + PLOT_HEIGHT;
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT,
        base, width - 8, base));
    for (int t = 0; t <= 4; t++) {
      double value = top * t / 4;
      double y = base - PLOT_HEIGHT * t / 4.0;
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#ddd\"/>%n", LEFT,
          Html.xy(y), width - 8, Html.xy(y)));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%s\" font-size=\"9\" text-anchor=\"end\">%s</text>%n",
          LEFT - 4, Html.xy(y + 3), tick(value)));
    }
  }

  private static void bar(StringBuilder s, double x, double value, double top, String colour, String tip) {
    double h = Math.max(0, value) / top * PLOT_HEIGHT;
    s.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%d\" height=\"%s\" fill=\"%s\"><title>%s"
        + "</title></rect>%n", Html.xy(x), Html.xy(TOP + PLOT_HEIGHT - h), BAR, Html.xy(h), colour, Html.escape(tip)));
  }

  private static void whisker(StringBuilder s, double x, double value, double sd, double top) {
    double lo = Math.max(0, value - sd) / top * PLOT_HEIGHT;
    double hi = Math.min(top, value + sd) / top * PLOT_HEIGHT;
    s.append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#222\"/>%n",
        Html.xy(x), Html.xy(TOP + PLOT_HEIGHT - lo), Html.xy(x), Html.xy(TOP + PLOT_HEIGHT - hi)));
  }

  private static String tick(double v) {
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
  }

  /** The smallest of 1, 2, 2.5, 5 × 10^k at or above {@code v}. */
  static double niceCeiling(double v) {
    if (!(v > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v * (1 - 1e-12)) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String shorten(String label) {
    return label.length() <= 22 ? label : label.substring(0, 21) + "…";
  }
}
