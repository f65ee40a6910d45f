package io.dpforge.federated.secagg;

import io.dpforge.federated.security.Statement;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption of the shares one client sends another through the coordinator: AES-256-GCM
 * with a 128-bit tag, the associated data naming the cohort, sender and receiver. The key comes from
 * {@link SecAggKeys#channelKey} and is used for exactly one message, so the fixed nonce is never reused
 * under one key. The coordinator relays ciphertexts it cannot read or alter undetected.
 */
public final class ShareEnvelope {
  private static final byte[] NONCE = new byte[12];

  private ShareEnvelope() {}

  public static byte[] seal(byte[] key, CohortContext context, int from, int to, byte[] plaintext) {
    try {
      return cipher(Cipher.ENCRYPT_MODE, key, context, from, to).doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
    }
  }

  /**
   * Decrypts and authenticates.
   *
   * @throws IllegalArgumentException when the ciphertext was altered or is not for this sender, receiver
   *     and cohort
   */
  public static byte[] open(byte[] key, CohortContext context, int from, int to, byte[] ciphertext) {
    try {
      return cipher(Cipher.DECRYPT_MODE, key, context, from, to).doFinal(ciphertext);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the shares from member " + from + " do not authenticate", e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, CohortContext context, int from, int to)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, NONCE));
    c.updateAAD(Statement.of("dpforge/secagg/v1/shares").bytes(context.salt()).u64(from).u64(to).toBytes());
    return c;
  }
}
