package io.dpforge.synth.mechanism;

import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadCounts;

/**
 * The exact answers of a workload on the private table: the only way the engine reads private data.
 * Everything read here is released only through a mechanism that charges the ledger first. A
 * distributed job implements this over counts it aggregated on its executors; {@link #of} wraps counts
 * held in memory.
 */
public interface PrivateAnswers {

  Workload workload();

  /** The exact number of private rows (private under add/remove neighbours). */
  long rows();

  /** Exact counts of query set {@code set}. */
  long[] counts(int set);

  /**
   * For each listed set, the L1 distance between its exact counts and {@code scale} times the given
   * synthetic answer fractions (the adaptive mode's selection score before noise). A distributed
   * implementation may compute this where the counts live.
   */
  default double[] l1Errors(int[] sets, double[][] syntheticFractions, double scale) {
    double[] errors = new double[sets.length];
    for (int k = 0; k < sets.length; k++) {
      long[] c = counts(sets[k]);
      double e = 0;
      for (int i = 0; i < c.length; i++) {
        e += Math.abs(c[i] - scale * syntheticFractions[k][i]);
      }
      errors[k] = e;
    }
    return errors;
  }

  /** Answers held in memory. */
  static PrivateAnswers of(WorkloadCounts counts) {
    return new PrivateAnswers() {
      @Override
      public Workload workload() {
        return counts.workload();
      }

      @Override
      public long rows() {
        return counts.rows();
      }

      @Override
      public long[] counts(int set) {
        return counts.counts(set);
      }
    };
  }
}
