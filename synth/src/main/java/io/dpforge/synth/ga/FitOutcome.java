package io.dpforge.synth.ga;

/**
 * What one run of the genetic algorithm did.
 *
 * @param generations generations run
 * @param candidatesScored children scored (generations × population, plus elite re-scores)
 * @param accepted moves applied to the best table
 * @param fitness final squared-L2 fitness to the target answers
 * @param stoppedEarly whether the relative-improvement rule ended the run before the cap
 * @param millis wall time
 */
public record FitOutcome(long generations, long candidatesScored, long accepted, double fitness,
    boolean stoppedEarly, long millis) {}
