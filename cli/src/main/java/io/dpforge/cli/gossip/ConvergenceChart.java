package io.dpforge.cli.gossip;

import io.dpforge.decentralized.sim.TracePoint;
import io.dpforge.dp.io.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained HTML page (inline SVG, no scripts) with the error (1/n)Σ‖x_i − x*‖² on a log scale
 * against communications and against gradients, one line per run.
 */
final class ConvergenceChart {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
  private static final int W = 560;
  private static final int H = 340;
  private static final int PAD = 60;

  /** One line of the chart. */
  record Series(String name, List<TracePoint> trace) {}

  private ConvergenceChart() {}

  static void write(Path file, String title, String subtitle, List<Series> series) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title))
        .append("</title>\n<style>body{font-family:sans-serif;margin:24px}svg{margin-right:16px}"
            + "text{font-size:12px}</style></head><body>\n<h2>").append(escape(title)).append("</h2>\n<p>")
        .append(escape(subtitle)).append("</p>\n");
    html.append(panel("communications (edge exchanges)", series, p -> p.communications()));
    html.append(panel("gradients", series, p -> p.gradients()));
    html.append("<p>");
    for (int s = 0; s < series.size(); s++) {
      html.append("<span style=\"color:").append(COLOURS[s % COLOURS.length]).append("\">&#9632; ")
          .append(escape(series.get(s).name())).append("</span>&nbsp;&nbsp;");
    }
    html.append("</p>\n</body></html>\n");
    AtomicFiles.writeString(file, html.toString());
  }

  private static String panel(String xLabel, List<Series> series, ToDoubleFunction<TracePoint> x) {
    double xMax = 1;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (TracePoint p : s.trace()) {
        if (p.error() > 0 && Double.isFinite(p.error())) {
          xMax = Math.max(xMax, x.applyAsDouble(p));
          yMin = Math.min(yMin, Math.log10(p.error()));
          yMax = Math.max(yMax, Math.log10(p.error()));
        }
      }
    }
    yMin = Math.floor(yMin);
    yMax = Math.ceil(yMax);
    if (yMax <= yMin) {
      yMax = yMin + 1;
    }
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">%n",
        W, H));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
        + " stroke=\"#999\"/>%n", PAD, 10, W - PAD - 10, H - PAD - 10));
    for (int d = (int) yMin; d <= (int) yMax; d++) {
      double y = sy(d, yMin, yMax);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">1e%d</text>%n", PAD, y, W - 10, y, PAD - 4, y + 4, d));
    }
    for (int k = 0; k <= 4; k++) {
      double v = xMax * k / 4;
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,.0f</text>%n",
          sx(v, xMax), H - PAD + 16, v));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        (W + PAD) / 2, H - 12, escape(xLabel)));
    svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\""
        + " text-anchor=\"middle\">(1/n) Σ‖x_i − x*‖²</text>%n", H / 2, H / 2));
    for (int s = 0; s < series.size(); s++) {
      StringBuilder pts = new StringBuilder();
      for (TracePoint p : series.get(s).trace()) {
        if (p.error() > 0 && Double.isFinite(p.error())) {
          pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx(x.applyAsDouble(p), xMax),
              sy(Math.log10(p.error()), yMin, yMax)));
        }
      }
      svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\""
          + " points=\"%s\"/>%n", COLOURS[s % COLOURS.length], pts.toString().trim()));
    }
    return svg.append("</svg>\n").toString();
  }

  private static double sx(double v, double xMax) {
    return PAD + (W - PAD - 10) * v / xMax;
  }

  private static double sy(double logErr, double yMin, double yMax) {
    return 10 + (H - PAD - 10) * (yMax - logErr) / (yMax - yMin);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
