package io.dpforge.federated.secagg;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The masks' pseudo-random generator: the AES-256-CTR keystream under a 256-bit key, read as one
 * little-endian unsigned integer of {@code b/8} bytes per coordinate and added to (or subtracted from)
 * a vector modulo 2^b. Each key comes from HKDF with a label naming the cohort, the purpose and the
 * parties, and is expanded exactly once, so the all-zero counter block never repeats under one key.
 *
 * <p>This replaces the shortcut we found in an open implementation (research brief federated.md §4.8:
 * a Mersenne-Twister seeded with a 32-bit fold of the seed): the full 256-bit key drives a block cipher,
 * and the arithmetic is over integers mod 2^b, never floats.
 */
public final class MaskExpansion {
  private static final int BLOCK_BYTES = 1 << 16;
  private static final byte[] ZERO_IV = new byte[16];

  private MaskExpansion() {}

  /**
   * target ← target ± PRG(key) mod 2^b.
   *
   * @param key 32 bytes
   * @param subtract subtract instead of add
   */
  public static void apply(long[] target, byte[] key, boolean subtract, Modulus modulus) {
    Cipher aes;
    try {
      aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(ZERO_IV));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CTR is not available: " + e.getMessage(), e);
    }
    int width = modulus.bytes();
    int perBlock = BLOCK_BYTES / width;
    byte[] zeros = new byte[perBlock * width];
    byte[] stream = new byte[zeros.length];
    long mask = modulus.mask();
    for (int start = 0; start < target.length; start += perBlock) {
      int n = Math.min(perBlock, target.length - start);
      int len = n * width;
      try {
        aes.update(zeros, 0, len, stream, 0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-CTR keystream failed: " + e.getMessage(), e);
      }
      for (int i = 0; i < n; i++) {
        long r = modulus.read(stream, i * width);
        int j = start + i;
        target[j] = (subtract ? target[j] - r : target[j] + r) & mask;
      }
    }
  }
}
