package io.dpforge.federated.secagg;

import java.security.MessageDigest;

/**
 * A member's masked vector while it streams in: values are staged (b/8 bytes each) and hashed as they
 * arrive, and folded into the cohort's sum only once complete and matching the signed digest, so a member
 * that drops mid-stream leaves nothing half-added.
 */
final class MaskedUpload {
  private final Modulus modulus;
  private final int length;
  private final MessageDigest digest = SecAggCohort.sha256();
  private byte[] staged;
  private int received;

  MaskedUpload(int length, Modulus modulus) {
    this.length = length;
    this.modulus = modulus;
    this.staged = new byte[length * modulus.bytes()];
  }

  /**
   * Appends values that start at {@code offset}.
   *
   * @throws IllegalArgumentException when the chunk does not continue where the last ended, is not whole
   *     values, or runs past the vector's length
   */
  void append(long offset, byte[] bytes) {
    int w = modulus.bytes();
    if (offset != received) {
      throw new IllegalArgumentException("masked values at " + offset + ", expected " + received);
    }
    if (bytes.length % w != 0) {
      throw new IllegalArgumentException("a chunk of " + bytes.length + " bytes is not whole " + w + "-byte values");
    }
    int n = bytes.length / w;
    if ((long) received + n > length) {
      throw new IllegalArgumentException("masked values past the vector's length " + length);
    }
    System.arraycopy(bytes, 0, staged, received * w, bytes.length);
    digest.update(bytes);
    received += n;
  }

  boolean isComplete() {
    return received == length;
  }

  byte[] sha256() {
    return digest.digest();
  }

  /** sum ← sum + y mod 2^b, then frees the staged bytes. */
  void foldInto(long[] sum) {
    int w = modulus.bytes();
    long mask = modulus.mask();
    for (int i = 0; i < length; i++) {
      sum[i] = (sum[i] + modulus.read(staged, i * w)) & mask;
    }
    release();
  }

  void release() {
    staged = null;
  }
}
