package io.dpforge.synth.query;

import io.dpforge.dp.data.EncodedRow;
import io.dpforge.dp.data.EncodedTable;
import java.io.Serializable;

/**
 * Counts every answer of a workload in one pass over rows: for each row and each query set, one
 * count goes to the cell the row satisfies. Accumulators over disjoint parts of a table {@link #merge}
 * into the answers of the whole, so a distributed job can count per partition and combine the arrays
 * by tree aggregation without moving rows. Not thread-safe: one accumulator per task.
 */
public final class WorkloadAnswerer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Workload workload;
  private final long[] counts;
  private long rows;
  private transient EncodedRowView view;

  public WorkloadAnswerer(Workload workload) {
    this.workload = workload;
    this.counts = new long[workload.answers()];
  }

  /** Counts of all answers of {@code table} (a convenience for single-machine use). */
  public static WorkloadCounts count(Workload workload, EncodedTable table) {
    WorkloadAnswerer a = new WorkloadAnswerer(workload);
    EncodedRow row = new EncodedRow(table.domain().size());
    for (int r = 0; r < table.rows(); r++) {
      for (int c = 0; c < row.columns(); c++) {
        if (workload.layout().isDiscrete(c)) {
          row.setCode(c, table.code(r, c));
        } else {
          row.setNumber(c, table.number(r, c));
        }
      }
      a.add(row);
    }
    return a.result();
  }

  /** Adds one encoded row (as {@code CsvTableReader} produces them). */
  public WorkloadAnswerer add(EncodedRow row) {
    if (view == null) {
      view = new EncodedRowView(workload.layout());
    }
    return add(view.of(row));
  }

  /** Adds one row. */
  public WorkloadAnswerer add(RowView row) {
    for (int s = 0; s < workload.sets(); s++) {
      int cell = workload.set(s).cell(row);
      if (cell >= 0) {
        counts[workload.offset(s) + cell]++;
      }
    }
    rows++;
    return this;
  }

  /** Adds the counts of {@code other} (same workload) into this accumulator and returns it. */
  public WorkloadAnswerer merge(WorkloadAnswerer other) {
    if (other.counts.length != counts.length) {
      throw new IllegalArgumentException("cannot merge answers of different workloads");
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    rows += other.rows;
    return this;
  }

  public long rows() {
    return rows;
  }

  /** The counts so far (a copy). */
  public WorkloadCounts result() {
    return new WorkloadCounts(workload, counts.clone(), rows);
  }
}
