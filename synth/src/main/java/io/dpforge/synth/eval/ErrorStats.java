package io.dpforge.synth.eval;

import io.dpforge.synth.query.QueryClass;
import io.dpforge.synth.query.QuerySet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates, per query class, the error of answer vectors against reference vectors (both as
 * fractions of rows): the mean over sets of the per-set L1 distance ‖a − b‖₁ (the brief's §5.4 primary
 * metric, 2× the TVD), and the max and mean absolute error over all queries (Private-GSD's metrics).
 */
public final class ErrorStats {
  private final Map<QueryClass, double[]> sums = new EnumMap<>(QueryClass.class);

  /** Adds one query set's answers. */
  public void add(QuerySet set, double[] reference, double[] answers) {
    double[] s = sums.computeIfAbsent(set.queryClass(), k -> new double[4]);
    double l1 = 0;
    for (int i = 0; i < reference.length; i++) {
      double e = Math.abs(reference[i] - answers[i]);
      l1 += e;
      s[2] = Math.max(s[2], e);
    }
    s[0] += 1;
    s[1] += l1;
    s[3] += reference.length;
  }

  /** The statistics per class, in {@link QueryClass} order, plus an "all" line when several exist. */
  public List<ClassError> result() {
    List<ClassError> out = new ArrayList<>();
    double[] all = new double[4];
    for (Map.Entry<QueryClass, double[]> e : sums.entrySet()) {
      double[] s = e.getValue();
      out.add(line(e.getKey().label(), s));
      all[0] += s[0];
      all[1] += s[1];
      all[2] = Math.max(all[2], s[2]);
      all[3] += s[3];
    }
    if (out.size() > 1) {
      out.add(line("all", all));
    }
    return out;
  }

  private static ClassError line(String label, double[] s) {
    return new ClassError(label, (int) s[0], (long) s[3], s[1] / s[0], s[2], s[1] / s[3]);
  }

  /**
   * Error of one query class.
   *
   * @param queryClass class label ({@code marginal}, {@code range}, {@code prefix}, {@code halfspace},
   *     or {@code all})
   * @param sets query sets
   * @param queries queries (cells)
   * @param meanL1 mean over sets of ‖a − b‖₁ on fractions
   * @param maxAbs largest absolute error of one query
   * @param meanAbs mean absolute error per query
   */
  public record ClassError(String queryClass, int sets, long queries, double meanL1, double maxAbs,
      double meanAbs) {}
}
