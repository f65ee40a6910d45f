package io.dpforge.client.optim;

/** How the step size changes over a run of T steps (a public choice: no privacy cost). */
public enum StepSchedule {
  /** η at every step. */
  CONSTANT {
    @Override
    double factor(long t, long steps) {
      return 1.0;
    }
  },
  /**
   * η·(1 − (t − 1)/T) at step t = 1..T: the last iterate of noisy SGD then settles instead of
   * fluctuating at the level the constant step allows (e.g. Shamir and Zhang 2013, for the last iterate
   * of SGD with decaying steps).
   */
  LINEAR_DECAY {
    @Override
    double factor(long t, long steps) {
      return 1.0 - (double) (t - 1) / steps;
    }
  };

  /** Multiplier of the base step size at step t (1-based) of {@code steps}. */
  abstract double factor(long t, long steps);
}
