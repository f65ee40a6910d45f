package io.dpforge.synth.ga;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dpforge.synth.TestData;
import io.dpforge.synth.query.DomainLayout;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadAnswerer;
import io.dpforge.synth.query.WorkloadCounts;
import io.dpforge.synth.query.WorkloadSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Property test: incremental scoring and updating equal a full recomputation, over random moves. */
class IncrementalScoringTest {

  @Test
  void incrementalDeltasAndUpdatesEqualFullRecomputation() {
    var domain = TestData.mixedDomain();
    Workload workload = WorkloadSpec.parse("marginals:1+marginals:3+range:2+prefix:2:20+halfspace:20", domain);
    DomainLayout layout = workload.layout();
    SplittableRandom random = new SplittableRandom(7);
    double[] target = new double[workload.answers()];
    for (int i = 0; i < target.length; i++) {
      target[i] = random.nextDouble() * 0.2;
    }
    SyntheticRows rows = SyntheticRows.uniform(layout, 60, random);
    FitState state = new FitState(workload, target, rows);
    FitState.Scratch scratch = state.scratch();
    MoveGenerator generator = new MoveGenerator(rows, random);
    Moves moves = new Moves(50);
    int checkedMoves = 0;
    int twoRow = 0;
    for (int round = 0; round < 20; round++) {
      generator.fill(moves, 50);
      for (int m = 0; m < moves.size(); m++) {
        double predicted = state.delta(moves, m, scratch);
        double before = fullFitness(workload, target, rows);
        SyntheticRows copy = rows.copy();
        applyToCopy(copy, moves, m);
        double after = fullFitness(workload, target, copy);
        assertEquals(after - before, predicted, 1e-12, "delta of move " + m + " in round " + round);
        checkedMoves++;
        if (moves.assignments(m) == 2 && moves.row(m, 0) != moves.row(m, 1)) {
          twoRow++;
        }
      }
      // Apply a few moves and check that counts and fitness track a full recomputation.
      for (int m = 0; m < moves.size(); m += 7) {
        state.apply(moves, m, scratch);
      }
      WorkloadCounts full = WorkloadAnswerer.count(workload, rows.toTable(domain));
      int[] incremental = state.counts();
      long[] asLong = new long[incremental.length];
      for (int i = 0; i < incremental.length; i++) {
        asLong[i] = incremental[i];
      }
      assertArrayEquals(full.counts(), asLong, "counts after round " + round);
      assertEquals(fullFitness(workload, target, rows), state.fitness(), 1e-10);
    }
    assertEquals(1000, checkedMoves);
    // The operators must exercise the two-row (swap) path too.
    assertEquals(true, twoRow > 30, "two-row moves checked: " + twoRow);
  }

  private static void applyToCopy(SyntheticRows copy, Moves moves, int m) {
    for (int a = 0; a < moves.assignments(m); a++) {
      copy.set(moves.row(m, a), moves.column(m, a), moves.code(m, a), moves.value(m, a));
    }
  }

  private static double fullFitness(Workload workload, double[] target, SyntheticRows rows) {
    double[] counts = new double[workload.answers()];
    for (int r = 0; r < rows.rows(); r++) {
      for (int s = 0; s < workload.sets(); s++) {
        int cell = workload.set(s).cell(rows.row(r));
        if (cell >= 0) {
          counts[workload.offset(s) + cell]++;
        }
      }
    }
    double f = 0;
    for (int i = 0; i < counts.length; i++) {
      double r = counts[i] / rows.rows() - target[i];
      f += r * r;
    }
    return f;
  }
}
