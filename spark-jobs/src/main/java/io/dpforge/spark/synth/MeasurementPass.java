package io.dpforge.spark.synth;

import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.synth.mechanism.PrivateAnswers;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadCounts;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * The one distributed pass over the private input: every task validates, encodes and counts its part
 * ({@link TableSource#tally}), and the per-part count arrays are merged by tree aggregation; no row is
 * shuffled or collected. The exact answers then serve the engine as {@link PrivateAnswers}:
 *
 * <ul>
 *   <li>{@link #toDriver}: the merged answers come to the driver (one-shot mode, which measures every
 *       query set anyway);
 *   <li>{@link #onCluster}: the answers are merged by query set into a cached dataset on the executors
 *       ({@link DistributedAnswers}); the adaptive mode's selection scores are computed there, and only
 *       the sets it selects for measurement are fetched by the driver.
 * </ul>
 *
 * Invalid rows are handled as {@code --on-invalid} says; under {@code error} the run stops with the
 * first invalid row in reading order, named by file, line and column.
 */
final class MeasurementPass {
  private MeasurementPass() {}

  /**
   * The answers and what was read.
   *
   * @param answers the exact workload answers (private: the engine releases them only through its
   *     mechanisms)
   * @param input counts of rows read, kept, clipped and dropped (private; for the data owner only)
   */
  record Measured(PrivateAnswers answers, InputSummary input) implements AutoCloseable {
    @Override
    public void close() {
      if (answers instanceof DistributedAnswers d) {
        d.close();
      }
    }
  }

  static Measured toDriver(JavaSparkContext jsc, TableSource source, Workload workload, InvalidValuePolicy policy) {
    Broadcast<Workload> shipped = jsc.broadcast(workload);
    try {
      JavaRDD<PartitionTally> tallies = source.tally(shipped);
      PartitionTally total = tallies.treeAggregate(PartitionTally.empty(), PartitionTally::merge,
          PartitionTally::merge);
      InputSummary input = check(total, source, tallies.getNumPartitions(), policy);
      WorkloadCounts counts = new WorkloadCounts(workload, total.counts(workload.answers()), total.kept());
      return new Measured(PrivateAnswers.of(counts), input);
    } finally {
      shipped.destroy();
    }
  }

  static Measured onCluster(JavaSparkContext jsc, TableSource source, Workload workload, InvalidValuePolicy policy) {
    Broadcast<Workload> shipped = jsc.broadcast(workload);
    JavaRDD<PartitionTally> tallies = source.tally(shipped).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      PartitionTally total = tallies.map(PartitionTally::withoutCounts).treeAggregate(PartitionTally.empty(),
          PartitionTally::merge, PartitionTally::merge);
      InputSummary input = check(total, source, tallies.getNumPartitions(), policy);
      return new Measured(DistributedAnswers.aggregate(tallies, workload, total.kept()), input);
    } finally {
      tallies.unpersist(false);
      shipped.destroy();
    }
  }

  /** Stops at a rejected row (bad value under {@code error}, or a malformed line); else summarises. */
  private static InputSummary check(PartitionTally total, TableSource source, int partitions,
      InvalidValuePolicy policy) {
    if (total.rejection() != null) {
      RowProblem p = total.rejection();
      throw new InvalidInputException(source.locate(p) + p.detail());
    }
    RowProblem first = total.firstProblem();
    return new InputSummary(source.format(), source.files(), partitions, total.read(), total.kept(),
        total.clipped(), total.dropped(), source.ignoredColumns(), first == null ? "" : source.locate(first) + first.detail());
  }
}
