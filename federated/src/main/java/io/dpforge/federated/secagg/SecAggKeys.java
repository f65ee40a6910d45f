package io.dpforge.federated.secagg;

import io.dpforge.federated.security.Statement;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Key material of the protocol (Bonawitz et al., CCS 2017, §4; Bell et al., CCS 2020, §3): X25519 key
 * agreement (Bouncy Castle) for the pairwise mask secrets s_{u,v} and for the channels that carry
 * encrypted shares, and HKDF-SHA256 to turn an agreed secret or a self-mask seed into a 256-bit key with
 * a label naming its purpose, the cohort and the parties (research brief federated.md §4.5).
 */
public final class SecAggKeys {
  public static final int KEY_BYTES = 32;

  private SecAggKeys() {}

  /** A fresh X25519 private key (32 bytes). */
  public static byte[] newPrivateKey(SecureRandom random) {
    return new X25519PrivateKeyParameters(random).getEncoded();
  }

  /** The X25519 public key of a private key. */
  public static byte[] publicKey(byte[] privateKey) {
    return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
  }

  /**
   * X25519(private, peer public).
   *
   * @throws IllegalArgumentException for a malformed or low-order peer key (the agreement is all zeros)
   */
  public static byte[] agree(byte[] privateKey, byte[] peerPublicKey) {
    if (peerPublicKey == null || peerPublicKey.length != X25519PublicKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("an X25519 public key is 32 bytes");
    }
    X25519Agreement a = new X25519Agreement();
    a.init(new X25519PrivateKeyParameters(privateKey, 0));
    byte[] out = new byte[a.getAgreementSize()];
    try {
      a.calculateAgreement(new X25519PublicKeyParameters(peerPublicKey, 0), out, 0);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("X25519 agreement failed (low-order public key)", e);
    }
    return out;
  }

  /** The key that expands u's and v's pairwise mask (the same on both sides). */
  public static byte[] pairwiseMaskKey(byte[] agreed, CohortContext context, int u, int v) {
    return hkdf(agreed, context, Statement.of("dpforge/secagg/v1/pairwise-mask").u64(Math.min(u, v))
        .u64(Math.max(u, v)));
  }

  /** The key that expands u's self mask from its seed b_u. */
  public static byte[] selfMaskKey(byte[] seed, CohortContext context, int u) {
    return hkdf(seed, context, Statement.of("dpforge/secagg/v1/self-mask").u64(u));
  }

  /** The key of the one message {@code from} sends {@code to} (one key per direction). */
  public static byte[] channelKey(byte[] agreed, CohortContext context, int from, int to) {
    return hkdf(agreed, context, Statement.of("dpforge/secagg/v1/share-channel").u64(from).u64(to));
  }

  /**
   * A commitment to u's self-mask seed, advertised with its keys so the server can tell a correctly
   * reconstructed seed from one rebuilt out of corrupted shares. The seed is 256 uniform bits, so its
   * hash reveals nothing usable about it.
   */
  public static byte[] seedCommitment(byte[] seed, CohortContext context, int u) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(Statement.of("dpforge/secagg/v1/seed-commitment").bytes(context.salt()).u64(u).toBytes());
      d.update(seed);
      return d.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hkdf(byte[] ikm, CohortContext context, Statement info) {
    HKDFBytesGenerator g = new HKDFBytesGenerator(SHA256Digest.newInstance());
    g.init(new HKDFParameters(ikm, context.salt(), info.toBytes()));
    byte[] key = new byte[KEY_BYTES];
    g.generateBytes(key, 0, KEY_BYTES);
    return key;
  }
}
