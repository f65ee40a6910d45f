package io.dpforge.spark.synth;

import io.dpforge.synth.mechanism.PrivateAnswers;
import io.dpforge.synth.query.Workload;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Exact workload answers that stay on the executors, for the adaptive mode: the answer vector is cut
 * into chunks of whole query sets, each chunk merged from the per-part tallies (count arrays move,
 * never rows) and cached on one executor. The selection score of each round
 * ({@link #l1Errors}, Liu et al. 2023's {@code private_select_measure_statistic}) is computed where the
 * chunks live against the broadcast synthetic answers, so only one number per candidate set reaches the
 * driver before noise; the exact counts of a set reach it only when the engine measures that set.
 */
final class DistributedAnswers implements PrivateAnswers, AutoCloseable {
  /** Answers per chunk: large enough to keep the number of records small, small enough to spread. */
  static final int CHUNK_ANSWERS = 1 << 16;

  private final Workload workload;
  private final long rows;
  private final JavaPairRDD<Integer, long[]> chunks;
  private final int[] chunkOfSet;
  private final int[] chunkFirstAnswer;

  private DistributedAnswers(Workload workload, long rows, JavaPairRDD<Integer, long[]> chunks, int[] chunkOfSet,
      int[] chunkFirstAnswer) {
    this.workload = workload;
    this.rows = rows;
    this.chunks = chunks;
    this.chunkOfSet = chunkOfSet;
    this.chunkFirstAnswer = chunkFirstAnswer;
  }

  /** Merges the tallies' count arrays chunk by chunk into a cached dataset (materialised here). */
  static DistributedAnswers aggregate(JavaRDD<PartitionTally> tallies, Workload workload, long rows) {
    return aggregate(tallies, workload, rows, CHUNK_ANSWERS);
  }

  /** As {@link #aggregate(JavaRDD, Workload, long)} with chunks of at most {@code chunkAnswers} answers (or one set). */
  static DistributedAnswers aggregate(JavaRDD<PartitionTally> tallies, Workload workload, long rows,
      int chunkAnswers) {
    int[] chunkOfSet = new int[workload.sets()];
    List<Integer> firsts = new ArrayList<>();
    for (int s = 0; s < workload.sets(); s++) {
      boolean full = !firsts.isEmpty()
          && workload.offset(s + 1) - firsts.get(firsts.size() - 1) > chunkAnswers;
      if (firsts.isEmpty() || full) {
        firsts.add(workload.offset(s));
      }
      chunkOfSet[s] = firsts.size() - 1;
    }
    firsts.add(workload.answers());
    int[] bounds = firsts.stream().mapToInt(Integer::intValue).toArray();
    int count = bounds.length - 1;
    int partitions = Math.max(1, Math.min(count, tallies.context().defaultParallelism()));
    JavaPairRDD<Integer, long[]> chunks = tallies
        .flatMapToPair(t -> {
          List<Tuple2<Integer, long[]>> out = new ArrayList<>(count);
          for (int c = 0; c < count; c++) {
            out.add(new Tuple2<>(c, t.slice(bounds[c], bounds[c + 1])));
          }
          return out.iterator();
        })
        .reduceByKey(new HashPartitioner(partitions), DistributedAnswers::add)
        .persist(StorageLevel.MEMORY_AND_DISK());
    chunks.count();
    return new DistributedAnswers(workload, rows, chunks, chunkOfSet, bounds);
  }

  private static long[] add(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  @Override
  public Workload workload() {
    return workload;
  }

  @Override
  public long rows() {
    return rows;
  }

  /** Fetches the chunk holding set {@code set} (a job on one partition) and returns the set's counts. */
  @Override
  public long[] counts(int set) {
    int c = chunkOfSet[set];
    long[] chunk = chunks.lookup(c).get(0);
    int from = workload.offset(set) - chunkFirstAnswer[c];
    return java.util.Arrays.copyOfRange(chunk, from, from + workload.set(set).size());
  }

  /** One job: each chunk scores the candidate sets it holds; the driver receives one number per set. */
  @Override
  public double[] l1Errors(int[] sets, double[][] syntheticFractions, double scale) {
    int[] chunkOf = new int[sets.length];
    int[] from = new int[sets.length];
    for (int k = 0; k < sets.length; k++) {
      chunkOf[k] = chunkOfSet[sets[k]];
      from[k] = workload.offset(sets[k]) - chunkFirstAnswer[chunkOf[k]];
    }
    Broadcast<Scoring> request = JavaSparkContext.fromSparkContext(chunks.context()).broadcast(
        new Scoring(chunkOf, from, syntheticFractions, scale));
    try {
      List<Tuple2<Integer, Double>> scored = chunks.flatMap(chunk -> request.value().score(chunk._1(), chunk._2()))
          .collect();
      double[] errors = new double[sets.length];
      for (Tuple2<Integer, Double> s : scored) {
        errors[s._1()] = s._2();
      }
      return errors;
    } finally {
      request.destroy();
    }
  }

  /**
   * A round's scoring request: for candidate k, its chunk, where its counts start in the chunk, and
   * its synthetic answer fractions (public).
   */
  private record Scoring(int[] chunkOf, int[] from, double[][] fractions, double scale) implements Serializable {
    java.util.Iterator<Tuple2<Integer, Double>> score(int chunk, long[] counts) {
      List<Tuple2<Integer, Double>> out = new ArrayList<>();
      for (int k = 0; k < chunkOf.length; k++) {
        if (chunkOf[k] != chunk) {
          continue;
        }
        double e = 0;
        double[] f = fractions[k];
        for (int i = 0; i < f.length; i++) {
          e += Math.abs(counts[from[k] + i] - scale * f[i]);
        }
        out.add(new Tuple2<>(k, e));
      }
      return out.iterator();
    }
  }

  @Override
  public void close() {
    chunks.unpersist(false);
  }
}
