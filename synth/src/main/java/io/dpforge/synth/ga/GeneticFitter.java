package io.dpforge.synth.ga;

import java.util.SplittableRandom;

/**
 * The Private-GSD genetic algorithm (Liu et al. 2023, Alg. 1 "GSD"): evolve a synthetic table whose
 * answers fit target (noisy) answers in squared L2. Each generation draws children of the current best
 * ({@link MoveGenerator}), scores them incrementally and in parallel ({@link CandidateScorer}), and
 * accepts the best. Unlike the paper's code, the other elite children (the next best of the
 * generation) are then re-scored exactly against the updated best and accepted in turn while they
 * still improve it: this uses more of each generation's work and the fitness stays exact. The run
 * stops at the generation cap or when the fitness improved by less than the threshold over a window
 * (the paper's rule: window N', threshold 1e-4).
 */
public final class GeneticFitter {
  private static final long PROGRESS_EVERY_MILLIS = 250;

  private final GaConfig config;
  private final Progress.Listener listener;

  public GeneticFitter(GaConfig config, Progress.Listener listener) {
    this.config = config;
    this.listener = listener;
  }

  /** Fits {@code state}'s table in place; {@code round}/{@code rounds} only label progress reports. */
  public FitOutcome fit(FitState state, SplittableRandom random, int round, int rounds) {
    long start = System.nanoTime();
    int population = config.population();
    Moves moves = new Moves(population);
    double[] deltas = new double[population];
    int[] elite = new int[config.elites()];
    MoveGenerator generator = new MoveGenerator(state.rows(), random);
    int window = config.stopWindow() > 0 ? config.stopWindow() : state.rows().rows();
    long scored = 0;
    long accepted = 0;
    long generation = 0;
    boolean early = false;
    double windowStart = state.recomputeFitness();
    long lastReport = start;
    try (CandidateScorer scorer = new CandidateScorer(state, config.threads())) {
      FitState.Scratch scratch = scorer.callerScratch();
      while (generation < config.maxGenerations() && state.fitness() > 0) {
        generator.fill(moves, population);
        scorer.score(moves, deltas);
        scored += population;
        int found = bestImproving(deltas, population, elite);
        for (int k = 0; k < found; k++) {
          double d = k == 0 ? deltas[elite[k]] : state.delta(moves, elite[k], scratch);
          scored += k == 0 ? 0 : 1;
          if (d < 0) {
            state.apply(moves, elite[k], scratch);
            accepted++;
          }
        }
        generation++;
        if (generation % window == 0) {
          double now = state.recomputeFitness();
          if (windowStart - now < config.stopThreshold() * windowStart) {
            early = true;
            break;
          }
          windowStart = now;
        }
        long t = System.nanoTime();
        if (t - lastReport > PROGRESS_EVERY_MILLIS * 1_000_000L) {
          lastReport = t;
          long elapsed = (t - start) / 1_000_000L;
          long eta = (long) ((double) elapsed / generation * (config.maxGenerations() - generation));
          listener.onProgress(new Progress(round, rounds, generation, config.maxGenerations(), state.fitness(),
              elapsed, eta));
        }
      }
    }
    double fitness = state.recomputeFitness();
    long millis = (System.nanoTime() - start) / 1_000_000L;
    listener.onProgress(new Progress(round, rounds, generation, config.maxGenerations(), fitness, millis, 0));
    return new FitOutcome(generation, scored, accepted, fitness, early, millis);
  }

  /** Indices of up to {@code out.length} children with the most negative deltas, best first. */
  static int bestImproving(double[] deltas, int n, int[] out) {
    int found = 0;
    for (int i = 0; i < n; i++) {
      double d = deltas[i];
      if (!(d < 0)) {
        continue;
      }
      int pos = found < out.length ? found++ : out.length;
      if (pos == out.length && !(d < deltas[out[out.length - 1]])) {
        continue;
      }
      if (pos == out.length) {
        pos = out.length - 1;
      }
      while (pos > 0 && d < deltas[out[pos - 1]]) {
        out[pos] = out[pos - 1];
        pos--;
      }
      out[pos] = i;
    }
    return found;
  }
}
