package io.dpforge.synth.ga;

/**
 * Settings of the genetic algorithm (defaults from Private-GSD, Liu et al. 2023; ICML code
 * {@code models/gsd.py}: 100 children per generation, 5 elites, early stop on a relative improvement
 * below 1e-4 over a window of generations).
 *
 * @param population children drawn per generation
 * @param elites best children per generation that are accepted in turn while each still improves
 *     the (updated) best table
 * @param maxGenerations hard cap on generations
 * @param stopWindow generations between early-stopping checks; 0 means N' (the paper's window)
 * @param stopThreshold stop when the fitness improved by less than this fraction over a window
 * @param threads threads that score children (1 scores on the calling thread)
 * @param seed seed of the GA's own (non-private) randomness
 */
public record GaConfig(int population, int elites, long maxGenerations, int stopWindow, double stopThreshold,
    int threads, long seed) {

  public GaConfig {
    if (population < 1 || elites < 1 || elites > population) {
      throw new IllegalArgumentException("need population >= 1 and 1 <= elites <= population");
    }
    if (maxGenerations < 1 || stopWindow < 0 || !(stopThreshold >= 0) || threads < 1) {
      throw new IllegalArgumentException("need maxGenerations >= 1, stopWindow >= 0, stopThreshold >= 0,"
          + " threads >= 1");
    }
  }

  /** The defaults: 100 children, 5 elites, at most 1,000,000 generations, window N', 1e-4, all cores. */
  public static GaConfig defaults() {
    return new GaConfig(100, 5, 1_000_000, 0, 1e-4, Runtime.getRuntime().availableProcessors(), 0);
  }

  public GaConfig withSeed(long s) {
    return new GaConfig(population, elites, maxGenerations, stopWindow, stopThreshold, threads, s);
  }

  public GaConfig withThreads(int t) {
    return new GaConfig(population, elites, maxGenerations, stopWindow, stopThreshold, t, seed);
  }

  public GaConfig withMaxGenerations(long g) {
    return new GaConfig(population, elites, g, stopWindow, stopThreshold, threads, seed);
  }

  public GaConfig withPopulation(int p, int e) {
    return new GaConfig(p, e, maxGenerations, stopWindow, stopThreshold, threads, seed);
  }

  public GaConfig withStop(int window, double threshold) {
    return new GaConfig(population, elites, maxGenerations, window, threshold, threads, seed);
  }
}
