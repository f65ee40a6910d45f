package io.dpforge.dp.continual;

import java.util.OptionalDouble;

/**
 * The counters whose strategy C is a 0/1 matrix of dyadic tree nodes (binary tree, Honaker, smooth
 * binary): they measure integer node sums, so the exact discrete Gaussian or Laplace applies directly
 * on the integers, and both sensitivities equal the largest number of measured nodes containing one step.
 */
public abstract sealed class TreeMechanism implements CounterMechanism
    permits BinaryTreeMechanism, HonakerTreeMechanism, SmoothBinaryMechanism {
  private final long horizon;
  private final int nodesPerStep;

  TreeMechanism(long horizon, int nodesPerStep) {
    Horizon.check(horizon);
    this.horizon = horizon;
    this.nodesPerStep = nodesPerStep;
  }

  @Override
  public final long horizon() {
    return horizon;
  }

  /** Δ² = the most measured nodes one step lies in (each contributes 1²). */
  @Override
  public final double sensitivitySquared() {
    return nodesPerStep;
  }

  /** Δ₁ = the same count: every tree has a Laplace variant. */
  @Override
  public final OptionalDouble l1Sensitivity() {
    return OptionalDouble.of(nodesPerStep);
  }

  @Override
  public final boolean integerStrategy() {
    return true;
  }

  @Override
  public final CounterStream open(NoiseGrid grid, NoiseDraws draws) {
    checkIntegers(grid);
    return openStream(draws);
  }

  @Override
  public final CounterStream restore(byte[] state, NoiseGrid grid, NoiseDraws draws) {
    checkIntegers(grid);
    return restoreStream(state, draws);
  }

  abstract CounterStream openStream(NoiseDraws draws);

  abstract CounterStream restoreStream(byte[] state, NoiseDraws draws);

  /** A state of the tag, two longs (step, running sum) and up to {@code values} 8-byte values. */
  static StateSize stateSize(String tag, int values, long workingBytes, String description) {
    long bytes = StreamStateCodec.tagBytes(tag) + 16 + 8L * values;
    return new StateSize(bytes, Math.max(bytes, workingBytes), description);
  }

  private void checkIntegers(NoiseGrid grid) {
    if (grid.bits() != 0) {
      throw new IllegalArgumentException(name() + " measures integer node sums: its noise grid must be the"
          + " integers, got spacing 2^-" + grid.bits());
    }
  }
}
