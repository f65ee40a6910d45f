package io.dpforge.synth.ga;

import io.dpforge.dp.data.DiscreteColumn;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.NumericColumn;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Candidate edits scored per second: all 3-way marginals (56 sets) of an 8-column table shaped like
 * {@code gss_vocab} (5 discrete columns of 20, 2, 2, 5, 5 values; 3 numeric columns of 11, 16, 16
 * bins), N' = 2,000 synthetic rows. Each invocation scores one batch of children, on 1 or 2 threads.
 * One operation is one candidate scored.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScoringBenchmark {
  private static final int BATCH = 1000;

  @Param({"1", "2"})
  int threads;

  @Param({"100", "1000"})
  int population;

  private FitState state;
  private CandidateScorer scorer;
  private Moves moves;
  private double[] deltas;
  private MoveGenerator generator;

  /** The 8-column domain of the benchmark. */
  static Domain eightColumns() {
    List<String> years = new ArrayList<>();
    for (int y = 0; y < 20; y++) {
      years.add("y" + y);
    }
    return new Domain(List.of(
        DiscreteColumn.ordinal("year", years),
        DiscreteColumn.categorical("gender", List.of("female", "male")),
        DiscreteColumn.categorical("native_born", List.of("no", "yes")),
        DiscreteColumn.ordinal("age_group", List.of("a", "b", "c", "d", "e")),
        DiscreteColumn.ordinal("educ_group", List.of("a", "b", "c", "d", "e")),
        NumericColumn.withBins("vocab", 0, 10, true, 16),
        NumericColumn.withBins("age", 18, 89, true, 16),
        NumericColumn.withBins("educ", 0, 20, true, 16)));
  }

  @Setup(Level.Trial)
  public void setUp() {
    Workload workload = WorkloadSpec.parse("marginals:3", eightColumns());
    SplittableRandom random = new SplittableRandom(1);
    double[] target = new double[workload.answers()];
    for (int s = 0; s < workload.sets(); s++) {
      int n = workload.set(s).size();
      for (int i = 0; i < n; i++) {
        target[workload.offset(s) + i] = 1.0 / n;
      }
    }
    state = new FitState(workload, target, SyntheticRows.uniform(workload.layout(), 2000, random));
    scorer = new CandidateScorer(state, threads);
    moves = new Moves(population);
    deltas = new double[population];
    generator = new MoveGenerator(state.rows(), random);
    generator.fill(moves, population);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    scorer.close();
  }

  /** Scores BATCH candidates as BATCH / population generations of {@code population} children. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double scoreCandidates() {
    double sum = 0;
    for (int g = 0; g < BATCH / population; g++) {
      scorer.score(moves, deltas);
      sum += deltas[g % population];
    }
    return sum;
  }
}
