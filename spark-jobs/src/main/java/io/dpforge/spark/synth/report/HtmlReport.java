package io.dpforge.spark.synth.report;

import io.dpforge.dp.ledger.LedgerEntry;
import io.dpforge.spark.synth.PrivacyLabel;
import io.dpforge.spark.synth.SynthJobConfig;
import io.dpforge.spark.synth.Version;
import io.dpforge.synth.SynthesisReport;
import io.dpforge.synth.SynthesisResult;
import io.dpforge.synth.eval.ErrorStats.ClassError;
import io.dpforge.synth.query.Workload;
import java.util.List;

/**
 * The HTML report of a run: one self-contained page (inline CSS and SVG, no script, nothing fetched)
 * with the privacy summary, the fit of the synthetic data to the noisy answers per query class, bar
 * charts of 1- and 2-way marginals (noisy measurements beside the synthetic data), the rounds and the
 * ledger. It is built from public outputs only (the noisy answers, the synthetic table, the ledger),
 * so it is as publishable as the synthetic data; it never shows a statistic of the private input.
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static String render(SynthJobConfig config, Workload workload, SynthesisResult synthesis,
      List<LedgerEntry> ledger) {
    SynthesisReport r = synthesis.report();
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>dpforge synthesis report")
        .append(r.privateRun() ? "" : " (NOT PRIVATE)").append("</title>\n<style>\n").append(STYLE).append("</style>\n")
        .append("</head><body>\n<h1>dpforge synthesis report</h1>\n");
    h.append("<p class=\"").append(r.privateRun() ? "private" : "not-private").append("\">")
        .append(Html.escape(PrivacyLabel.of(r))).append("</p>\n");
    summary(h, config, workload, r);
    fit(h, r);
    charts(h, workload, synthesis);
    rounds(h, r);
    ledger(h, ledger);
    h.append("<p class=\"note\">Everything on this page comes from released (noisy) answers, the synthetic table and the"
        + " budget ledger. No statistic of the private input is shown. dpforge ").append(Html.escape(Version.current()))
        .append(".</p>\n</body></html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, SynthJobConfig config, Workload workload, SynthesisReport r) {
    h.append("<h2>Privacy</h2>\n<table>\n");
    row(h, "ε, δ", PrivacyLabel.number(r.epsilon()) + ", " + PrivacyLabel.number(r.delta()));
    row(h, "ρ (zCDP): budget, spent", Html.num(r.rho()) + ", " + Html.num(r.rhoSpent()));
    row(h, "neighbouring relation", r.neighbours() + ": " + PrivacyLabel.meaning(config.neighbours()));
    row(h, "noise", r.noise());
    row(h, "mechanism", "Private-GSD (Liu, Tang, Vietri, Wu, ICML 2023), " + r.mode() + " mode: Gaussian measurements,"
        + " genetic algorithm fitted to the noisy answers");
    row(h, "workload", config.workload() + ": " + workload.sets() + " query sets, " + workload.answers() + " queries; "
        + r.measuredSets().size() + " sets measured");
    row(h, "row count used", Html.num(r.rowCount()) + (r.rowCountPublic() ? " (public)" : " (estimated from noisy releases)"));
    row(h, "synthetic rows", Integer.toString(r.syntheticRows()));
    row(h, "seed", "genetic algorithm " + config.gaSeed() + (config.seededNoise() ? "; noise " + config.gaSeed()
        + " (NOT PRIVATE)" : "; noise unseeded (SecureRandom)"));
    h.append("</table>\n");
  }

  private static void fit(StringBuilder h, SynthesisReport r) {
    h.append("<h2>Fit to the noisy answers</h2>\n<p>Error of the synthetic data against the released noisy answers"
        + " of the measured sets (fractions of rows). This is not the error against the private data.</p>\n<table>\n"
        + "<tr><th>class</th><th>sets</th><th>mean L1 per set</th><th>max abs</th><th>mean abs</th></tr>\n");
    for (ClassError e : r.fitToNoisy()) {
      h.append("<tr><td>").append(Html.escape(e.queryClass())).append("</td><td>").append(e.sets()).append("</td><td>")
          .append(Html.num(e.meanL1())).append("</td><td>").append(Html.num(e.maxAbs())).append("</td><td>")
          .append(Html.num(e.meanAbs())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void charts(StringBuilder h, Workload workload, SynthesisResult synthesis) {
    List<MarginalView> views = MarginalViews.of(workload, synthesis);
    h.append("<h2>Marginals: noisy measurements and synthetic data</h2>\n");
    if (views.isEmpty()) {
      h.append("<p>No marginal was measured, so there is nothing to compare.</p>\n");
      return;
    }
    h.append("<p><span class=\"key\" style=\"background:").append(SvgBarChart.NOISY_COLOUR).append("\"></span>noisy"
        + " measurement (projected from the measured marginals that hold the columns; whisker ±1 σ of its noise)"
        + " <span class=\"key\" style=\"background:").append(SvgBarChart.SYNTHETIC_COLOUR).append("\"></span>synthetic"
        + " data. Fractions of rows; hover a bar for its value.</p>\n");
    for (MarginalView v : views) {
      h.append("<figure><figcaption>").append(Html.escape(v.title())).append(" <small>(").append(v.cells().size())
          .append(" cells; noisy side from ").append(v.sources().size()).append(" measured set")
          .append(v.sources().size() == 1 ? "" : "s").append(", σ ≈ ").append(Html.num(v.noiseSd()))
          .append(")</small></figcaption>\n").append(SvgBarChart.render(v)).append("</figure>\n");
    }
  }

  private static void rounds(StringBuilder h, SynthesisReport r) {
    h.append("<h2>Rounds</h2>\n<table>\n<tr><th>round</th><th>sets measured</th><th>generations</th>"
        + "<th>fitness (squared L2)</th><th>stopped early</th><th>time</th></tr>\n");
    for (SynthesisReport.Round round : r.rounds()) {
      h.append("<tr><td>").append(round.round()).append("</td><td>").append(round.selected().size())
          .append("</td><td>").append(round.fit().generations()).append("</td><td>").append(Html.num(round.fit().fitness()))
          .append("</td><td>").append(round.fit().stoppedEarly() ? "yes" : "no").append("</td><td>")
          .append(round.fit().millis()).append(" ms</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void ledger(StringBuilder h, List<LedgerEntry> ledger) {
    h.append("<h2>Budget ledger</h2>\n<table>\n<tr><th>#</th><th>mechanism</th><th>released</th><th>sensitivity</th>"
        + "<th>noise scale</th><th>ρ</th></tr>\n");
    double total = 0;
    for (LedgerEntry e : ledger) {
      total += e.cost().rho();
      h.append("<tr><td>").append(e.sequence()).append("</td><td>").append(Html.escape(e.mechanism()))
          .append("</td><td>").append(Html.escape(e.released())).append("</td><td>").append(Html.num(e.sensitivity()))
          .append("</td><td>").append(Html.num(e.noiseScale())).append("</td><td>").append(Html.num(e.cost().rho()))
          .append("</td></tr>\n");
    }
    h.append("<tr><th colspan=\"5\">total</th><th>").append(Html.num(total)).append("</th></tr>\n</table>\n");
  }

  private static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(Html.escape(key)).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
  }

  private static final String STYLE = """
      body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
      table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
      th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; font-size: 0.9em; }
      th { background: #f4f4f4; }
      .private { background: #e7f4e4; border: 1px solid #7bb26f; padding: 0.6em; }
      .not-private { background: #fde2e1; border: 2px solid #c0392b; padding: 0.6em; font-weight: bold; }
      figure { display: inline-block; margin: 0.5em 1em 1em 0; vertical-align: top; }
      figcaption { font-weight: bold; font-size: 0.9em; }
      .key { display: inline-block; width: 0.9em; height: 0.9em; margin: 0 0.3em 0 0.8em; vertical-align: middle; }
      .note { color: #555; font-size: 0.85em; }
      """;
}
