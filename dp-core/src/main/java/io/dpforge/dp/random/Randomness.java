package io.dpforge.dp.random;

import java.math.BigInteger;

/**
 * The only source of randomness for noise and selection in dpforge.
 *
 * <p>Two implementations exist and each is reached only through its own factory:
 *
 * <ul>
 *   <li>{@link #secure()}: backed by {@link java.security.SecureRandom} (a NIST SP 800-90A DRBG
 *       seeded by the operating system). This is the only source whose outputs are private.
 *   <li>{@link #seededNotPrivate(long)}: a deterministic stream for tests and reproducible runs. An
 *       adversary who knows the seed can subtract the noise, so nothing released with it is private.
 *       Creating one logs a warning, {@link #isPrivate()} is {@code false}, and {@link #describe()}
 *       says "NOT PRIVATE", so every ledger entry and sidecar that records the source says so too.
 * </ul>
 *
 * <p>There is deliberately no default and no constructor: a caller must name the mode. The samplers in
 * {@code io.dpforge.dp.noise} consume only the exact integer draws below (uniform bits and uniform
 * integers in a range, by rejection), never floating-point uniforms.
 *
 * <p>Implementations are thread-safe. For parallel work, give each task its own {@link #split()} so
 * threads do not contend and seeded runs stay reproducible whatever the scheduling.
 */
public interface Randomness {

  /** Production randomness: a self-seeded {@code SecureRandom} DRBG. */
  static Randomness secure() {
    return SecureRandomness.create();
  }

  /**
   * A deterministic, reproducible source that is NOT PRIVATE. Use only in tests, benchmarks and runs
   * whose outputs are labelled not private. Logs a warning each time one is created.
   *
   * @param seed the seed; the same seed gives the same stream on every JVM
   */
  static Randomness seededNotPrivate(long seed) {
    return SeededRandomness.create(seed);
  }

  /** {@code true} only for {@link #secure()}: outputs made with this source may be published as private. */
  boolean isPrivate();

  /** 64 uniformly random bits. */
  long nextLong();

  /**
   * {@code bits} uniformly random bits (1 to 64) in the low bits of the result, taken from a reservoir
   * so that small draws do not consume a whole word of the generator.
   */
  long nextBits(int bits);

  /** A uniformly random bit. */
  default boolean nextBoolean() {
    return nextBits(1) != 0;
  }

  /**
   * An independent stream for another thread or task. Splitting a seeded source is deterministic
   * (same parent seed and split order, same children); splitting a secure one seeds a fresh DRBG.
   */
  Randomness split();

  /** One line for logs and metadata, e.g. "SecureRandom DRBG (private)" or "seeded 42 (NOT PRIVATE)". */
  String describe();

  /**
   * A uniform integer in {@code [0, bound)}, exactly: draws of the smallest covering bit width are
   * rejected until one falls below the bound (fewer than two draws on average).
   *
   * @throws IllegalArgumentException if {@code bound <= 0}
   */
  default long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    if (bound == 1) {
      return 0;
    }
    int bits = Long.SIZE - Long.numberOfLeadingZeros(bound - 1);
    if ((bound & (bound - 1)) == 0) {
      return nextBits(bits);
    }
    while (true) {
      long candidate = nextBits(bits);
      if (candidate < bound) {
        return candidate;
      }
    }
  }

  /** A uniform integer in {@code [0, bound)}, exactly (see {@link #nextLong(long)}). */
  default int nextInt(int bound) {
    return (int) nextLong(bound);
  }

  /**
   * A uniform integer in {@code [0, bound)} for bounds beyond {@code long}, exactly, by rejection of
   * draws of {@code bound.bitLength()} bits.
   *
   * @throws IllegalArgumentException if {@code bound <= 0}
   */
  default BigInteger nextBigInteger(BigInteger bound) {
    if (bound.signum() <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    if (bound.bitLength() < Long.SIZE) {
      return BigInteger.valueOf(nextLong(bound.longValue()));
    }
    int bits = bound.bitLength();
    int words = (bits + Long.SIZE - 1) / Long.SIZE;
    byte[] bytes = new byte[words * Long.BYTES + 1]; // leading zero byte keeps the value non-negative
    while (true) {
      for (int w = 0; w < words; w++) {
        long word = nextLong();
        for (int b = 0; b < Long.BYTES; b++) {
          bytes[1 + w * Long.BYTES + b] = (byte) (word >>> (Long.SIZE - Byte.SIZE * (b + 1)));
        }
      }
      BigInteger candidate = new BigInteger(bytes).shiftRight(words * Long.SIZE - bits);
      if (candidate.compareTo(bound) < 0) {
        return candidate;
      }
    }
  }
}
