package io.dpforge.dp.random;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * {@link Randomness} over a {@code SecureRandom} DRBG (NIST SP 800-90A Hash_DRBG, self-seeded from
 * the operating system). Bytes are drawn in blocks to amortise the generator's locking; a bit
 * reservoir serves small draws so a fair coin costs one bit, not 64.
 */
final class SecureRandomness implements Randomness {
  private static final int BLOCK_BYTES = 4096;

  private final SecureRandom random;
  private final ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES);
  private final BitReservoir reservoir = new BitReservoir(this::nextWord);

  private SecureRandomness(SecureRandom random) {
    this.random = random;
    block.position(BLOCK_BYTES); // empty: the first draw refills
  }

  static SecureRandomness create() {
    return new SecureRandomness(newDrbg());
  }

  private static SecureRandom newDrbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      // Every Java 9+ runtime ships DRBG; fall back to the platform default rather than fail.
      return new SecureRandom();
    }
  }

  @Override
  public boolean isPrivate() {
    return true;
  }

  @Override
  public synchronized long nextLong() {
    return nextWord();
  }

  @Override
  public synchronized long nextBits(int bits) {
    return reservoir.next(bits);
  }

  private long nextWord() {
    if (block.remaining() < Long.BYTES) {
      random.nextBytes(block.array());
      block.clear();
    }
    return block.getLong();
  }

  @Override
  public Randomness split() {
    return create();
  }

  @Override
  public String describe() {
    return "SecureRandom " + random.getAlgorithm() + " (private)";
  }

  @Override
  public String toString() {
    return describe();
  }
}
