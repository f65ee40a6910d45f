package io.dpforge.synth.ga;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Scores a batch of moves against a {@link FitState}, splitting the batch over a fork-join pool. The
 * state is only read while scoring; each worker has its own scratch rows.
 */
public final class CandidateScorer implements AutoCloseable {
  private final FitState state;
  private final int threads;
  private final ForkJoinPool pool;
  private final FitState.Scratch[] scratch;

  public CandidateScorer(FitState state, int threads) {
    this.state = state;
    this.threads = threads;
    this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    this.scratch = new FitState.Scratch[threads];
    for (int t = 0; t < threads; t++) {
      scratch[t] = state.scratch();
    }
  }

  /** Writes the fitness change of every move into {@code deltas}. */
  public void score(Moves moves, double[] deltas) {
    int n = moves.size();
    if (pool == null || n < 2 * threads) {
      scoreRange(moves, deltas, 0, n, scratch[0]);
      return;
    }
    pool.invoke(new Chunk(moves, deltas, 0, threads, n));
  }

  private void scoreRange(Moves moves, double[] deltas, int from, int to, FitState.Scratch s) {
    for (int m = from; m < to; m++) {
      deltas[m] = state.delta(moves, m, s);
    }
  }

  /** Scratch of the calling thread, for re-scoring and applying moves between rounds. */
  FitState.Scratch callerScratch() {
    return scratch[0];
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  /** Scores chunks {@code [first, last)} of the batch, forking halves. */
  private final class Chunk extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient Moves moves;
    private final double[] deltas;
    private final int first;
    private final int last;
    private final int n;

    Chunk(Moves moves, double[] deltas, int first, int last, int n) {
      this.moves = moves;
      this.deltas = deltas;
      this.first = first;
      this.last = last;
      this.n = n;
    }

    @Override
    protected void compute() {
      if (last - first == 1) {
        scoreRange(moves, deltas, (int) ((long) n * first / threads), (int) ((long) n * last / threads),
            scratch[first]);
        return;
      }
      int mid = (first + last) >>> 1;
      invokeAll(new Chunk(moves, deltas, first, mid, n), new Chunk(moves, deltas, mid, last, n));
    }
  }
}
