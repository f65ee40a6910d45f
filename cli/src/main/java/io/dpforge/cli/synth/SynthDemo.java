package io.dpforge.cli.synth;

import io.dpforge.cli.Console;
import io.dpforge.cli.Samples;
import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.spark.synth.PrivacyLabel;
import io.dpforge.spark.synth.SparkSessions;
import io.dpforge.spark.synth.SynthJob;
import io.dpforge.spark.synth.SynthJobResult;
import io.dpforge.synth.PrivacyBudget;
import io.dpforge.synth.eval.WorkloadEvaluation;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The demo's synthesis step: {@code synth} on the bundled CPS 1988 sample at ε = 1 on embedded Spark,
 * writing the synthetic CSV, its privacy sidecar and the HTML report; then an evaluation of the
 * synthetic table against the real sample, printed apart and labelled as outside the guarantee.
 */
public final class SynthDemo {
  /** ε of the demo run. */
  public static final double EPSILON = 1.0;
  /** δ of the demo run. */
  public static final double DELTA = 1e-9;
  /** The workload the demo measures. */
  public static final String WORKLOAD = "marginals:3";

  private SynthDemo() {}

  /** Runs the step into {@code dir} and returns its JSON fields. */
  public static Map<String, Object> run(Path dir, Console console) {
    Path csv = Samples.csv(Samples.CPS1988);
    Domain domain = Domain.read(Samples.domain(Samples.CPS1988));
    PrivacyBudget budget = PrivacyBudget.of(EPSILON, DELTA);
    Path out = dir.resolve("synthetic.csv");
    console.println("step 1: Private-GSD synthesis of " + csv + " (" + WORKLOAD + ", epsilon = "
        + PrivacyLabel.number(EPSILON) + ", delta = " + PrivacyLabel.number(DELTA) + ") on embedded Spark "
        + SparkSessions.DEFAULT_MASTER);
    SynthJob job = SynthJob.builder().input(csv.toString()).domain(domain).workload(WORKLOAD).budget(budget)
        .output(out).report(dir.resolve("report.html")).progress(System.err).build();
    SparkSession spark = SparkSessions.open(null, "dpforge demo");
    SynthJobResult result;
    try {
      result = job.run(spark);
    } finally {
      spark.stop();
    }
    result.print(console.stream());

    console.println("");
    console.println("EVALUATION OUTSIDE THE PRIVACY GUARANTEE: the synthetic table against the real sample. It reads"
        + " the real data; its numbers are not private and are not part of the release.");
    CsvTableReader reader = CsvTableReader.builder(domain).build();
    EncodedTable real = reader.readTable(csv).table();
    EncodedTable synthetic = reader.readTable(out).table();
    Map<String, Object> evaluation = new LinkedHashMap<>();
    evaluation.put("private", false);
    evaluation.put("note", EvaluateCommand.NOT_PRIVATE);
    evaluation.put("real_rows", real.rows());
    Workload measured = job.workload();
    console.println("measured workload " + WORKLOAD + ", error against the real data:");
    evaluation.put(WORKLOAD, EvaluationTable.classes(console, WorkloadEvaluation.compare(measured, real, synthetic)));
    evaluation.put("noise_reference", EvaluationTable.noiseReference(console, measured, real.rows(), budget,
        job.config().neighbours()));
    Workload twoWay = WorkloadSpec.parse("marginals:2", domain);
    console.println("all 2-way marginals (not measured directly), error against the real data:");
    evaluation.put("marginals:2", EvaluationTable.classes(console, WorkloadEvaluation.compare(twoWay, real, synthetic)));

    Map<String, Object> r = new LinkedHashMap<>();
    r.put("sample", csv.toString());
    r.put("synth", result.toJson());
    r.put("evaluation", evaluation);
    return r;
  }
}
