package io.dpforge.synth.ga;

/**
 * Progress of a fit, reported a few times a second, so a command or a Spark driver can draw a bar.
 *
 * @param round adaptive round (1-based; 1 in one-shot mode)
 * @param rounds total rounds
 * @param generation generations run in this round
 * @param maxGenerations cap on generations in this round
 * @param fitness current squared-L2 fitness to the noisy answers
 * @param elapsedMillis time spent in this round
 * @param etaMillis estimated time left in this round (to the cap, or to the early stop when the
 *     improvement rate predicts one), or -1 when unknown
 */
public record Progress(int round, int rounds, long generation, long maxGenerations, double fitness,
    long elapsedMillis, long etaMillis) {

  /** Receives progress reports. */
  @FunctionalInterface
  public interface Listener {
    void onProgress(Progress progress);

    /** A listener that ignores progress. */
    static Listener none() {
      return p -> { };
    }
  }
}
