package io.dpforge.dp.continual;

/** Checks on the horizon T and step indices, shared by every counter. */
final class Horizon {
  /** The largest horizon any counter accepts (2^40 steps). */
  static final long MAX = 1L << 40;

  private Horizon() {}

  static void check(long horizon) {
    if (horizon < 1 || horizon > MAX) {
      throw new IllegalArgumentException("horizon T must be in [1, 2^40], got " + horizon);
    }
  }

  static void checkStep(long t, long horizon) {
    if (t < 1 || t > horizon) {
      throw new IllegalArgumentException("step must be in [1, " + horizon + "], got " + t);
    }
  }

  static IllegalStateException exhausted(long horizon) {
    return new IllegalStateException("the counter's horizon of " + horizon + " steps is used up; start a new"
        + " counter (carrying the last noisy total forward) rather than releasing past the horizon");
  }
}
