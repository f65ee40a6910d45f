package io.dpforge.spark.synth;

import io.dpforge.dp.ledger.LedgerEntry;
import io.dpforge.synth.SynthesisReport;
import io.dpforge.synth.SynthesisResult;
import io.dpforge.synth.query.Workload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a synthesis run did.
 *
 * @param config what it was told
 * @param workload the workload it measured from
 * @param synthesis the engine's result (synthetic table, public report, noisy answers)
 * @param ledger every release, as the budget ledger recorded it
 * @param input what the pass read (exact counts of the private input: for the data owner only)
 * @param timings where the time went
 * @param master the Spark master it ran on
 * @param written the files written, in the order they were moved into place
 */
public record SynthJobResult(SynthJobConfig config, Workload workload, SynthesisResult synthesis,
    List<LedgerEntry> ledger, InputSummary input, Timings timings, String master, List<Path> written) {

  /** Sentence shown with the exact input counts, which are not covered by the privacy guarantee. */
  public static final String INPUT_NOTE = "exact counts of the private input, for the data owner: not private,"
      + " do not publish";

  public SynthJobResult {
    ledger = List.copyOf(ledger);
    written = List.copyOf(written);
  }

  /**
   * @param passMillis the distributed pass (read, validate, encode, count)
   * @param engineMillis measurement and genetic algorithm on the driver
   * @param writeMillis writing the outputs
   * @param totalMillis the whole run, Spark session start excluded
   */
  public record Timings(long passMillis, long engineMillis, long writeMillis, long totalMillis) {}

  public boolean isPrivate() {
    return synthesis.report().privateRun();
  }

  /** The human summary a command prints. */
  public void print(PrintStream out) {
    SynthesisReport r = synthesis.report();
    out.println(PrivacyLabel.of(r) + ".");
    out.printf("input (%s): %,d rows read, %,d kept, %,d clipped, %,d dropped (--on-invalid %s) in %d part(s) of %d"
        + " file(s) [%s]%n", input.format().name().toLowerCase(java.util.Locale.ROOT), input.rowsRead(),
        input.rowsKept(), input.rowsClipped(), input.rowsDropped(), config.onInvalid().cliName(), input.partitions(),
        input.files(), INPUT_NOTE);
    if (!input.ignoredColumns().isEmpty()) {
      out.println("input columns not in the domain (ignored): " + String.join(", ", input.ignoredColumns()));
    }
    if (!input.firstProblem().isEmpty()) {
      out.println("first invalid value: " + input.firstProblem());
    }
    out.printf("workload %s: %d query sets, %,d queries; %s mode, %d of them measured; rho spent %.6g of %.6g%n",
        config.workload(), workload.sets(), workload.answers(), r.mode(), r.measuredSets().size(), r.rhoSpent(),
        r.rho());
    out.printf("fit of %,d synthetic rows to the noisy answers (public):%n", r.syntheticRows());
    ClassErrorTable.print(out, r.fitToNoisy(), "  ");
    out.printf("time: pass %s, engine %s, write %s, total %s (Spark master %s)%n",
        ProgressLine.duration(timings.passMillis()), ProgressLine.duration(timings.engineMillis()),
        ProgressLine.duration(timings.writeMillis()), ProgressLine.duration(timings.totalMillis()), master);
    for (Path p : written) {
      out.println("wrote " + p);
    }
  }

  /** The fields of the command's JSON result. */
  public Map<String, Object> toJson() {
    SynthesisReport r = synthesis.report();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("private", r.privateRun());
    m.put("privacy", PrivacyLabel.of(r));
    m.put("epsilon", r.epsilon());
    m.put("delta", r.delta());
    m.put("rho", r.rho());
    m.put("rho_spent", r.rhoSpent());
    m.put("neighbours", r.neighbours());
    m.put("mode", r.mode());
    m.put("workload", config.workload());
    m.put("query_sets", workload.sets());
    m.put("measured_sets", r.measuredSets().size());
    m.put("synthetic_rows", r.syntheticRows());
    m.put("seed", config.gaSeed());
    m.put("seeded_noise", config.seededNoise());
    m.put("output", config.output().toString());
    m.put("format", config.outputFormat().label());
    m.put("sidecar", config.sidecar().toString());
    m.put("report", config.report() == null ? null : config.report().toString());
    m.put("fit_to_noisy", ClassErrorTable.json(r.fitToNoisy()));
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("note", INPUT_NOTE);
    in.put("format", input.format().name().toLowerCase(java.util.Locale.ROOT));
    in.put("files", input.files());
    in.put("partitions", input.partitions());
    in.put("rows_read", input.rowsRead());
    in.put("rows_kept", input.rowsKept());
    in.put("rows_clipped", input.rowsClipped());
    in.put("rows_dropped", input.rowsDropped());
    in.put("ignored_columns", input.ignoredColumns());
    in.put("first_problem", input.firstProblem());
    m.put("input", in);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("pass", timings.passMillis());
    t.put("engine", timings.engineMillis());
    t.put("measure", r.measureMillis());
    t.put("fit", r.fitMillis());
    t.put("write", timings.writeMillis());
    t.put("total", timings.totalMillis());
    m.put("millis", t);
    m.put("spark_master", master);
    return m;
  }
}
