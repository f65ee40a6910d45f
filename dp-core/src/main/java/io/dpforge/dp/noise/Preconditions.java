package io.dpforge.dp.noise;

/** Argument checks whose messages name the parameter and the allowed range. */
public final class Preconditions {
  private Preconditions() {}

  /** @throws IllegalArgumentException unless {@code value} is positive and finite */
  public static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
    }
  }

  /** @throws IllegalArgumentException unless {@code 0 < value < 1} */
  public static void probability(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1), got " + value);
    }
  }
}
