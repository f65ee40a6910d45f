package io.dpforge.synth.mechanism;

/**
 * One release of the run as recorded in the budget ledger.
 *
 * @param mechanism {@code gaussian} or {@code exponential} (Gumbel top-K selection), or {@code exact}
 *     in the test-only mode without noise
 * @param released what was released, in words
 * @param sensitivity the sensitivity the noise was calibrated to
 * @param noiseScale σ of the Gaussian noise, or ε of each selection pick
 * @param rho the zCDP cost charged (infinite in the test-only exact mode)
 */
public record Release(String mechanism, String released, double sensitivity, double noiseScale, double rho) {}
