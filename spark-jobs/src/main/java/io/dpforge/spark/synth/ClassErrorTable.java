package io.dpforge.spark.synth;

import io.dpforge.synth.eval.ErrorStats.ClassError;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Errors per query class (mean L1 per set, max and mean absolute error) as a console table and as
 * JSON fields: the fit to the noisy answers of a run, and the evaluations against real data.
 */
public final class ClassErrorTable {
  private ClassErrorTable() {}

  /** Prints the header and one line per class, each line starting with {@code indent}. */
  public static void print(PrintStream out, List<ClassError> errors, String indent) {
    out.printf("%s%-10s %6s %10s %10s %10s%n", indent, "class", "sets", "mean L1", "max abs", "mean abs");
    for (ClassError e : errors) {
      out.printf("%s%-10s %6d %10.4f %10.4f %10.6f%n", indent, e.queryClass(), e.sets(), e.meanL1(), e.maxAbs(),
          e.meanAbs());
    }
  }

  /** One JSON object per class. */
  public static List<Map<String, Object>> json(List<ClassError> errors) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ClassError e : errors) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("class", e.queryClass());
      m.put("sets", e.sets());
      m.put("queries", e.queries());
      m.put("mean_l1", e.meanL1());
      m.put("max_abs", e.maxAbs());
      m.put("mean_abs", e.meanAbs());
      out.add(m);
    }
    return out;
  }
}
