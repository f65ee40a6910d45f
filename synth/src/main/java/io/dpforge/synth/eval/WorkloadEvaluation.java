package io.dpforge.synth.eval;

import io.dpforge.dp.data.EncodedTable;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadAnswerer;
import io.dpforge.synth.query.WorkloadCounts;
import java.util.List;

/**
 * NOT PRIVATE: compares a synthetic table with the real one on a workload. This reads the true data
 * and its output is outside any privacy guarantee; it is an evaluation harness, never part of a
 * private run.
 */
public final class WorkloadEvaluation {
  private WorkloadEvaluation() {}

  /** Per query class: mean L1 per set, max and mean absolute error (fractions of each table's rows). */
  public static List<ErrorStats.ClassError> compare(Workload workload, EncodedTable real, EncodedTable synthetic) {
    return compare(WorkloadAnswerer.count(workload, real), WorkloadAnswerer.count(workload, synthetic));
  }

  /** The same from precomputed counts of the two tables. */
  public static List<ErrorStats.ClassError> compare(WorkloadCounts real, WorkloadCounts synthetic) {
    Workload workload = real.workload();
    ErrorStats stats = new ErrorStats();
    for (int s = 0; s < workload.sets(); s++) {
      stats.add(workload.set(s), real.fractions(s), synthetic.fractions(s));
    }
    return stats.result();
  }
}
