package io.dpforge.spark.synth;

import io.dpforge.dp.data.EncodedRow;
import io.dpforge.dp.data.RowEncoder;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadAnswerer;

/**
 * Validates, encodes and counts the rows of one part of the input inside its task: each row is encoded
 * against the public domain and added to a {@link WorkloadAnswerer}; nothing but the resulting
 * {@link PartitionTally} leaves the task.
 */
final class RowTally {
  private final WorkloadAnswerer answerer;
  private final EncodedRow row;
  private long read;
  private long kept;
  private long clipped;
  private long dropped;
  private RowProblem firstProblem;
  private RowProblem rejection;

  RowTally(Workload workload) {
    this.answerer = new WorkloadAnswerer(workload);
    this.row = new EncodedRow(workload.layout().columns());
  }

  /**
   * Takes one row given as text fields in the layout {@code encoder} was made for.
   *
   * @return false once a row was rejected: the part stops there and the run reports it
   */
  boolean offer(RowEncoder encoder, String[] fields, String file, long position, long lineInPart,
      boolean partStartsFile) {
    read++;
    RowEncoder.Outcome outcome = encoder.encode(fields, row);
    switch (outcome) {
      case VALID -> {
        kept++;
        answerer.add(row);
        return true;
      }
      case CLIPPED -> {
        kept++;
        clipped++;
        answerer.add(row);
      }
      case DROPPED -> dropped++;
    }
    if (firstProblem == null || outcome == RowEncoder.Outcome.REJECTED) {
      RowProblem problem = new RowProblem(file, position, lineInPart, partStartsFile, encoder.problemAt("", fields));
      firstProblem = firstProblem == null ? problem : firstProblem;
      rejection = outcome == RowEncoder.Outcome.REJECTED ? problem : null;
    }
    return rejection == null;
  }

  /** Rejects a line that could not be split into fields (malformed CSV). */
  void reject(String file, long position, long lineInPart, boolean partStartsFile, String detail) {
    read++;
    rejection = new RowProblem(file, position, lineInPart, partStartsFile, detail);
    if (firstProblem == null) {
      firstProblem = rejection;
    }
  }

  PartitionTally finish() {
    return new PartitionTally(answerer.result().counts(), read, kept, clipped, dropped, firstProblem, rejection);
  }
}
