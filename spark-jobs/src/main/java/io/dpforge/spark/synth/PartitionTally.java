package io.dpforge.spark.synth;

import java.io.Serializable;

/**
 * What one task made of its part of the private input: the exact answers of every workload query over
 * its rows (laid out as in {@link io.dpforge.synth.query.Workload}), how many rows it read, kept,
 * clipped and dropped, and its first invalid row. Tallies of disjoint parts {@link #merge} into the
 * tally of the whole, so the driver receives count arrays by tree aggregation and never a row.
 */
final class PartitionTally implements Serializable {
  private static final long serialVersionUID = 1L;

  private long[] counts;
  private long read;
  private long kept;
  private long clipped;
  private long dropped;
  private RowProblem firstProblem;
  private RowProblem rejection;

  /**
   * @param counts exact answers over the part's kept rows (null for a tally without counts)
   * @param firstProblem the first invalid row of the part (clipped, dropped or rejected), or null
   * @param rejection the first row the run must stop at (invalid under {@code --on-invalid error}, or
   *     malformed), or null
   */
  PartitionTally(long[] counts, long read, long kept, long clipped, long dropped, RowProblem firstProblem,
      RowProblem rejection) {
    this.counts = counts;
    this.read = read;
    this.kept = kept;
    this.clipped = clipped;
    this.dropped = dropped;
    this.firstProblem = firstProblem;
    this.rejection = rejection;
  }

  /** The tally of no rows (the zero of {@link #merge}). */
  static PartitionTally empty() {
    return new PartitionTally(null, 0, 0, 0, 0, null, null);
  }

  /** Adds {@code other} into this tally and returns this one. */
  PartitionTally merge(PartitionTally other) {
    if (counts == null) {
      counts = other.counts == null ? null : other.counts.clone();
    } else if (other.counts != null) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += other.counts[i];
      }
    }
    read += other.read;
    kept += other.kept;
    clipped += other.clipped;
    dropped += other.dropped;
    firstProblem = RowProblem.first(firstProblem, other.firstProblem);
    rejection = RowProblem.first(rejection, other.rejection);
    return this;
  }

  /** The same tally without its count array: what the driver needs to check the input. */
  PartitionTally withoutCounts() {
    return new PartitionTally(null, read, kept, clipped, dropped, firstProblem, rejection);
  }

  /** The answers, or an all-zero vector of {@code answers} entries when no row was counted. */
  long[] counts(int answers) {
    return counts == null ? new long[answers] : counts;
  }

  /** The part of the answer vector from {@code from} (inclusive) to {@code to} (exclusive). */
  long[] slice(int from, int to) {
    return counts == null ? new long[to - from] : java.util.Arrays.copyOfRange(counts, from, to);
  }

  long read() {
    return read;
  }

  long kept() {
    return kept;
  }

  long clipped() {
    return clipped;
  }

  long dropped() {
    return dropped;
  }

  RowProblem firstProblem() {
    return firstProblem;
  }

  RowProblem rejection() {
    return rejection;
  }
}
