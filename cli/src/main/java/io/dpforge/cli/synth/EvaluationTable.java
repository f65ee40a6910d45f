package io.dpforge.cli.synth;

import io.dpforge.cli.Console;
import io.dpforge.spark.synth.ClassErrorTable;
import io.dpforge.synth.Neighbours;
import io.dpforge.synth.PrivacyBudget;
import io.dpforge.synth.eval.ErrorStats.ClassError;
import io.dpforge.synth.eval.NoiseReference;
import io.dpforge.synth.query.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints an evaluation against the real data (per query class: mean L1 per set, max and mean
 * absolute error) and the measurement-noise reference line, and returns them as JSON fields. Shared
 * by {@code dpforge evaluate} and the demo.
 */
final class EvaluationTable {
  private EvaluationTable() {}

  static List<Map<String, Object>> classes(Console console, List<ClassError> errors) {
    ClassErrorTable.print(console.stream(), errors, "");
    return ClassErrorTable.json(errors);
  }

  /** The brief's §5.5 reference: every set measured once with the budget split evenly. */
  static List<Map<String, Object>> noiseReference(Console console, Workload workload, long rows, PrivacyBudget budget,
      Neighbours relation) {
    console.printf("measurement-noise reference (eps=%s, delta=%s, rho=%.4g, %s): expected error of answering"
        + " each set directly with the Gaussian mechanism%n", budget.epsilon(), budget.delta(), budget.rho(),
        relation.label());
    List<Map<String, Object>> out = new ArrayList<>();
    for (NoiseReference.Line line : NoiseReference.of(workload, rows, budget.rho(), relation)) {
      console.printf("%-10s %6s %10.4f %10.4f %10.6f%n", line.queryClass(), "", line.meanL1(), line.maxAbs(),
          line.meanAbs());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("class", line.queryClass());
      m.put("mean_l1", line.meanL1());
      m.put("max_abs", line.maxAbs());
      m.put("mean_abs", line.meanAbs());
      out.add(m);
    }
    return out;
  }
}
