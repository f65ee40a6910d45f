package io.dpforge.dp.continual;

import io.dpforge.dp.random.Randomness;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The 256-bit secret behind {@link KeyedNoise}. Whoever holds it can recompute every noise draw and
 * subtract it, so it is generated from {@link Randomness#secure()}, kept with the job's checkpoint and
 * never printed ({@link #toString()} shows only the mode). A seeded secret exists for reproducible
 * tests; it is derived from a public seed and is labelled NOT PRIVATE.
 */
public final class NoiseSecret {
  /** Secret length in bytes. */
  public static final int BYTES = 32;

  private final byte[] bytes;
  private final boolean isPrivate;
  private final String description;

  private NoiseSecret(byte[] bytes, boolean isPrivate, String description) {
    this.bytes = bytes;
    this.isPrivate = isPrivate;
    this.description = description;
  }

  /**
   * A fresh secret from a private source.
   *
   * @throws IllegalArgumentException if {@code source} is not private
   */
  public static NoiseSecret generate(Randomness source) {
    if (!source.isPrivate()) {
      throw new IllegalArgumentException("a noise secret must come from private randomness, got " + source.describe());
    }
    ByteBuffer b = ByteBuffer.allocate(BYTES);
    for (int i = 0; i < BYTES / Long.BYTES; i++) {
      b.putLong(source.nextLong());
    }
    return new NoiseSecret(b.array(), true, "secret key (private)");
  }

  /** A secret derived from a public seed: reproducible, NOT PRIVATE. */
  public static NoiseSecret seededNotPrivate(long seed) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("dpforge seeded noise secret".getBytes(StandardCharsets.US_ASCII));
      sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
      return new NoiseSecret(sha.digest(), false, "seeded " + seed + " (NOT PRIVATE)");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A private secret read back from where it was stored. */
  public static NoiseSecret restore(byte[] stored) {
    if (stored.length != BYTES) {
      throw new IllegalArgumentException("a stored noise secret has " + BYTES + " bytes, got " + stored.length);
    }
    return new NoiseSecret(stored.clone(), true, "secret key (private)");
  }

  /** The secret bytes, to store with the checkpoint. Never log them. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Whether releases noised under this secret may be published as private. */
  public boolean isPrivate() {
    return isPrivate;
  }

  /** "secret key (private)" or "seeded 42 (NOT PRIVATE)". */
  public String describe() {
    return description;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoiseSecret s && MessageDigest.isEqual(bytes, s.bytes) && isPrivate == s.isPrivate;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "NoiseSecret(" + description + ")";
  }
}
