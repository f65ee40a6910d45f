package io.dpforge.spark.synth;

import java.util.List;

/**
 * What the measurement pass read. These are exact counts over the private input: they are shown to
 * the data owner running the job and never written into the sidecar or the report.
 *
 * @param format the input format
 * @param files data files read
 * @param partitions parts the input was read in (one task each)
 * @param rowsRead data rows read
 * @param rowsKept rows counted (valid, or clipped into the domain)
 * @param rowsClipped kept rows in which a value was clipped
 * @param rowsDropped rows dropped for an invalid value
 * @param ignoredColumns input columns that are not in the domain
 * @param firstProblem the first invalid value met, with its place, or empty
 */
public record InputSummary(InputFormat format, int files, int partitions, long rowsRead, long rowsKept,
    long rowsClipped, long rowsDropped, List<String> ignoredColumns, String firstProblem) {

  public InputSummary {
    ignoredColumns = List.copyOf(ignoredColumns);
  }
}
