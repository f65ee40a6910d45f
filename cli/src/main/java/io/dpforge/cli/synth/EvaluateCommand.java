package io.dpforge.cli.synth;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.cli.data.DelimiterOption;
import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.synth.Neighbours;
import io.dpforge.synth.PrivacyBudget;
import io.dpforge.synth.eval.ErrorStats.ClassError;
import io.dpforge.synth.eval.WorkloadEvaluation;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dpforge evaluate}: compares a synthetic table with the real one on a workload. It reads the
 * real data, so its output is outside any privacy guarantee; it says so in every output.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Compare a synthetic table with the real one on a query workload: per query class the mean"
        + " L1 per query set, max and mean absolute error. NOT PRIVATE: reads the real data; an evaluation"
        + " outside the privacy guarantee.")
public final class EvaluateCommand extends JsonCommand {
  static final String NOT_PRIVATE = "evaluation against the real data: outside the privacy guarantee, do not publish";

  @Option(names = "--real", required = true, description = "The real table (CSV with a header, plain or gzip).")
  Path real;

  @Option(names = "--synthetic", required = true, description = "The synthetic table (CSV with a header).")
  Path synthetic;

  @Option(names = "--domain", required = true, description = "Domain spec (JSON) of both tables.")
  Path domain;

  @Option(names = "--workload", defaultValue = "marginals:2",
      description = "Workload spec (e.g. marginals:3, marginals:2+range:2) or a JSON file (default: ${DEFAULT-VALUE}).")
  String workload;

  @Option(names = "--epsilon", description = "With --delta: also print the measurement-noise reference line"
      + " (every query set measured once, the budget split evenly).")
  Double epsilon;

  @Option(names = "--delta", defaultValue = "1e-9", description = "δ of the reference line (default: ${DEFAULT-VALUE}).")
  double delta;

  @Option(names = "--neighbours", defaultValue = "add-remove",
      description = "Neighbouring relation of the reference line: add-remove or replace-one (default: ${DEFAULT-VALUE}).")
  String neighbours;

  @Mixin
  DelimiterOption delimiter;

  @Override
  protected Map<String, Object> execute(Console console) {
    Domain d = Domain.read(domain);
    Workload w = WorkloadSpec.parse(workload, d);
    CsvTableReader reader = CsvTableReader.builder(d).delimiter(delimiter.delimiter()).build();
    EncodedTable realTable = reader.readTable(real).table();
    EncodedTable syntheticTable = reader.readTable(synthetic).table();
    List<ClassError> errors = WorkloadEvaluation.compare(w, realTable, syntheticTable);

    console.println("NOT PRIVATE: " + NOT_PRIVATE + ".");
    console.printf("workload %s: %d query sets, %,d queries; real %,d rows, synthetic %,d rows%n", workload,
        w.sets(), w.answers(), realTable.rows(), syntheticTable.rows());
    List<Map<String, Object>> classes = EvaluationTable.classes(console, errors);
    List<Map<String, Object>> reference = epsilon == null ? List.of()
        : EvaluationTable.noiseReference(console, w, realTable.rows(), PrivacyBudget.of(epsilon, delta),
            Neighbours.parse(neighbours));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("private", false);
    r.put("note", NOT_PRIVATE);
    r.put("workload", workload);
    r.put("query_sets", w.sets());
    r.put("real_rows", realTable.rows());
    r.put("synthetic_rows", syntheticTable.rows());
    r.put("classes", classes);
    if (epsilon != null) {
      r.put("noise_reference", reference);
    }
    return r;
  }
}
