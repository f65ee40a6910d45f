package io.dpforge.dp.data;

import java.util.List;

/**
 * What a reader did with a file.
 *
 * @param rowsRead data rows in the file
 * @param rowsKept rows passed on (valid, or clipped into the domain)
 * @param rowsClipped kept rows in which at least one value was clipped
 * @param rowsDropped rows dropped for a value outside the domain
 * @param ignoredColumns header columns that are not in the domain (not read)
 * @param firstProblem the first invalid value met, or empty when there was none
 */
public record ReadSummary(long rowsRead, long rowsKept, long rowsClipped, long rowsDropped,
    List<String> ignoredColumns, String firstProblem) {

  public ReadSummary {
    ignoredColumns = List.copyOf(ignoredColumns);
  }
}
