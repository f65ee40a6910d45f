package io.dpforge.dp.continual;

/** A running MaxSum / SumSelect release over a stream of binary vectors. Not thread-safe. */
public interface ColumnSumStream {
  /**
   * Adds x_t (row[j] true where column j is 1) and returns the step's release.
   *
   * @throws IllegalArgumentException if the row does not have d entries
   * @throws IllegalStateException past the horizon
   */
  ColumnSumOutput release(boolean[] row);

  /** Steps released so far. */
  long steps();
}
