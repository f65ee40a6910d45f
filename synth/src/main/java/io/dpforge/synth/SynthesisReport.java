package io.dpforge.synth;

import io.dpforge.synth.eval.ErrorStats.ClassError;
import io.dpforge.synth.ga.FitOutcome;
import io.dpforge.synth.mechanism.Release;
import java.util.List;

/**
 * What a run did, safe to publish: the privacy parameters and ledger, the fit of the synthetic data to
 * the <em>noisy</em> answers per query class, and timing. It never holds an error against the true
 * data (that is the evaluation harness's job, outside the privacy guarantee).
 *
 * @param privateRun false when the noise was seeded or absent (the test-only exact mode); every output
 *     made from such a run must say "not private"
 * @param noise the source of noise, in words
 * @param mode one-shot or adaptive
 * @param neighbours the neighbouring relation the guarantee is stated for
 * @param epsilon ε asked for (NaN when given as ρ; infinite in the exact mode)
 * @param delta δ asked for
 * @param rho the zCDP budget
 * @param rhoSpent the total ρ charged to the ledger (equals {@code rho})
 * @param releases every release, in order, as charged to the ledger
 * @param rowCount the row count used: public, or estimated from noisy releases
 * @param rowCountPublic whether the row count was public (replace-one)
 * @param syntheticRows N'
 * @param workloadSets query sets in the workload
 * @param measuredSets names of the measured sets, in measurement order
 * @param rounds one line per fit round
 * @param fitToNoisy per query class, the error of the synthetic answers against the noisy answers of
 *     the measured sets
 * @param measureMillis time spent releasing (and, in adaptive mode, scoring for selection)
 * @param fitMillis time spent in the genetic algorithm
 * @param totalMillis wall time of the run
 * @param gaSeed seed of the genetic algorithm's own randomness
 */
public record SynthesisReport(boolean privateRun, String noise, String mode, String neighbours, double epsilon,
    double delta, double rho, double rhoSpent, List<Release> releases, double rowCount, boolean rowCountPublic,
    int syntheticRows, int workloadSets, List<String> measuredSets, List<Round> rounds,
    List<ClassError> fitToNoisy, long measureMillis, long fitMillis, long totalMillis, long gaSeed) {

  /**
   * One fit round.
   *
   * @param round 1-based
   * @param selected sets measured in this round
   * @param fit what the genetic algorithm did
   */
  public record Round(int round, List<String> selected, FitOutcome fit) {}
}
