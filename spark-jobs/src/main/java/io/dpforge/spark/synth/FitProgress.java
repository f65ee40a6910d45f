package io.dpforge.spark.synth;

import io.dpforge.synth.ga.Progress;

/**
 * Draws the genetic algorithm's progress: the bar follows the rounds (adaptive mode), the text the
 * generation, the fitness to the noisy answers and the time. The engine's ETA is time to its generation
 * cap, an upper bound: the run usually stops earlier, when the fitness stops improving.
 */
final class FitProgress implements Progress.Listener {
  private final ProgressLine line;

  FitProgress(ProgressLine line) {
    this.line = line;
  }

  @Override
  public void onProgress(Progress p) {
    String text = String.format("fitting %s round %d/%d: generation %,d, fitness %.3e, %s (stops when the fit stalls; at most %s more)",
        ProgressLine.bar((p.round() - 1 + (p.etaMillis() == 0 ? 1.0 : 0.0)) / p.rounds()), p.round(), p.rounds(),
        p.generation(), p.fitness(), ProgressLine.duration(p.elapsedMillis()),
        p.etaMillis() < 0 ? "?" : ProgressLine.duration(p.etaMillis()));
    if (p.etaMillis() == 0) {
      line.finish(String.format("fitted round %d/%d: %,d generations, fitness %.3e, %s", p.round(), p.rounds(),
          p.generation(), p.fitness(), ProgressLine.duration(p.elapsedMillis())));
    } else {
      line.show(text);
    }
  }
}
