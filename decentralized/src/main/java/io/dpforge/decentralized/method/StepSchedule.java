package io.dpforge.decentralized.method;

/**
 * Step size of the k-th local gradient step of a node: γ_k = γ0 · k0 / (k0 + k). With a finite k0 the
 * steps decay like 1/k, which removes the consensus bias of gossip with heterogeneous local
 * objectives; k0 = ∞ gives a constant step.
 *
 * @param initial γ0
 * @param decayAfter k0 (gradient steps of the node), or {@link Double#POSITIVE_INFINITY}
 */
public record StepSchedule(double initial, double decayAfter) {
  public StepSchedule {
    if (!(initial > 0) || !(decayAfter > 0)) {
      throw new IllegalArgumentException("need γ0 > 0 and k0 > 0, got " + initial + ", " + decayAfter);
    }
  }

  public static StepSchedule constant(double step) {
    return new StepSchedule(step, Double.POSITIVE_INFINITY);
  }

  public double step(long k) {
    return Double.isInfinite(decayAfter) ? initial : initial * decayAfter / (decayAfter + k);
  }
}
