package io.dpforge.dp.random;

import java.util.SplittableRandom;

/**
 * The deterministic, NOT PRIVATE {@link Randomness}: {@link SplittableRandom} (whose algorithm the
 * JDK specifies, so a seed gives the same stream on every JVM). Only {@link Randomness#seededNotPrivate}
 * creates one, and it logs a warning when it does.
 */
final class SeededRandomness implements Randomness {
  private static final System.Logger LOG = System.getLogger(Randomness.class.getName());

  private final SplittableRandom random;
  private final String label;
  private final BitReservoir reservoir;

  private SeededRandomness(SplittableRandom random, String label) {
    this.random = random;
    this.label = label;
    this.reservoir = new BitReservoir(random::nextLong);
  }

  static SeededRandomness create(long seed) {
    LOG.log(System.Logger.Level.WARNING, "seeded randomness (seed " + seed + ") in use: outputs are NOT PRIVATE");
    return new SeededRandomness(new SplittableRandom(seed), "seeded " + seed);
  }

  @Override
  public boolean isPrivate() {
    return false;
  }

  @Override
  public synchronized long nextLong() {
    return random.nextLong();
  }

  @Override
  public synchronized long nextBits(int bits) {
    return reservoir.next(bits);
  }

  @Override
  public synchronized Randomness split() {
    return new SeededRandomness(random.split(), label + " (split)");
  }

  @Override
  public String describe() {
    return label + " (NOT PRIVATE)";
  }

  @Override
  public String toString() {
    return describe();
  }
}
