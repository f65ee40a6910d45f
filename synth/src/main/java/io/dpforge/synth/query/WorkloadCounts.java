package io.dpforge.synth.query;

import java.util.Arrays;

/**
 * Exact answers of a workload on one table: the count of rows satisfying each query, and the number
 * of rows. On private data these are private: the engine touches them only through its mechanisms.
 */
public record WorkloadCounts(Workload workload, long[] counts, long rows) {

  public WorkloadCounts {
    if (counts.length != workload.answers()) {
      throw new IllegalArgumentException("expected " + workload.answers() + " counts, got " + counts.length);
    }
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, got " + rows);
    }
  }

  /** The counts of set {@code s} (a copy). */
  public long[] counts(int s) {
    int from = workload.offset(s);
    return Arrays.copyOfRange(counts, from, from + workload.set(s).size());
  }

  /** The answers of set {@code s} as fractions of the rows. */
  public double[] fractions(int s) {
    long[] c = counts(s);
    double[] f = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      f[i] = rows == 0 ? 0 : (double) c[i] / rows;
    }
    return f;
  }
}
