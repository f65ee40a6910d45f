package io.dpforge.spark.synth;

import io.dpforge.synth.query.Workload;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The private input as Spark reads it. Its one way to the data is {@link #tally}: every task reads its
 * part, validates and encodes each row against the public domain and counts the workload's answers
 * over it; only the per-part tallies leave the tasks.
 */
interface TableSource {

  InputFormat format();

  int files();

  /** One tally per part of the input (the rows are not kept). */
  JavaRDD<PartitionTally> tally(Broadcast<Workload> workload);

  /** The place of a problem in words, e.g. {@code data.csv line 12}. */
  String locate(RowProblem problem);

  /** Input columns that are not in the domain. */
  List<String> ignoredColumns();
}
