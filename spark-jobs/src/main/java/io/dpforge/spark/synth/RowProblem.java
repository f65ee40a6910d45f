package io.dpforge.spark.synth;

import java.io.Serializable;
import java.util.Comparator;

/**
 * The first invalid row a task met in its part of the input: where it is and what was wrong with it.
 * The driver turns the place into words ({@link TableSource#locate}); the detail is
 * {@link io.dpforge.dp.data.RowEncoder#problemAt} with the place left out.
 *
 * @param file the file, as the file system names it
 * @param position where the row starts: the byte offset of a CSV line, the row's index in its part
 *     for Parquet; orders problems within a file
 * @param lineInPart 1-based line number within the part of the file the task read (-1 when unknown)
 * @param partStartsFile whether that part starts at the beginning of the file (then
 *     {@code lineInPart} is the line number in the file)
 * @param detail what was wrong, e.g. {@code ", column 'age': value '95' is outside the domain (...)"}
 */
record RowProblem(String file, long position, long lineInPart, boolean partStartsFile, String detail)
    implements Serializable {

  /** Orders problems as a reader going through the files in name order would meet them. */
  static final Comparator<RowProblem> READING_ORDER =
      Comparator.comparing(RowProblem::file).thenComparingLong(RowProblem::position);

  /** The earlier of two problems (either may be null). */
  static RowProblem first(RowProblem a, RowProblem b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return READING_ORDER.compare(a, b) <= 0 ? a : b;
  }
}
