package io.dpforge.dp.continual;

import io.dpforge.dp.random.Randomness;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise that is a pure function of (secret, stream key, coordinate), so a replayed step releases the same
 * value and a stream can recompute node noise instead of storing it (research brief §d.3, rule 4; the
 * same idea as TF Privacy's counter-based seeds, jax_privacy's {@code fold_in} and LinkedIn's
 * deterministic pseudorandom noise).
 *
 * <p>Construction: a 256-bit AES key per stream, HKDF-SHA256(secret; salt "dpforge/continual/v1";
 * info = 0x00 ‖ domain ‖ 0x00 ‖ stream key) (RFC 5869); for each noise coordinate, the AES-256-CTR keystream
 * whose 128-bit counter block is (coordinate, block index) feeds a {@link Randomness} that the exact
 * samplers consume. AES in counter mode is a pseudorandom function (NIST SP 800-38A), so the draws of
 * distinct coordinates and streams are computationally independent; the samplers are exact given
 * uniform bits. Only the JDK's crypto provider is used.
 */
public final class KeyedNoise {
  private static final byte[] SALT = "dpforge/continual/v1".getBytes(StandardCharsets.US_ASCII);

  private final NoiseSecret secret;
  private final byte[] pseudorandomKey;
  private final String domain;

  private KeyedNoise(NoiseSecret secret, String domain) {
    if (domain.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a noise domain must not contain NUL");
    }
    this.secret = secret;
    this.domain = domain;
    this.pseudorandomKey = hmac(SALT, secret.bytes()); // HKDF-Extract
  }

  /**
   * Keyed noise under {@code secret} for one use, e.g. a mechanism name: streams of different domains
   * never share draws even under the same secret and stream key.
   */
  public static KeyedNoise of(NoiseSecret secret, String domain) {
    return new KeyedNoise(secret, domain);
  }

  /** Whether the secret is private. */
  public boolean isPrivate() {
    return secret.isPrivate();
  }

  /** Names the source for ledgers and outputs, e.g. "keyed AES-CTR noise, secret key (private)". */
  public String describe() {
    return "keyed AES-CTR noise, " + secret.describe();
  }

  /** The draws of one stream: each coordinate's keyed randomness fed to {@code sampler}. */
  public NoiseDraws drawsFor(String streamKey, IntegerSampler sampler) {
    byte[] info = streamInfo(streamKey);
    Cipher cipher = cipher(info);
    return coordinate -> sampler.sample(new CoordinateRandomness(info, cipher, coordinate));
  }

  /** The keyed randomness of one coordinate of one stream (for checks and other samplers). */
  public Randomness randomness(String streamKey, long coordinate) {
    byte[] info = streamInfo(streamKey);
    return new CoordinateRandomness(info, cipher(info), coordinate);
  }

  private byte[] streamInfo(String streamKey) {
    byte[] d = domain.getBytes(StandardCharsets.UTF_8);
    byte[] k = streamKey.getBytes(StandardCharsets.UTF_8);
    // 0x00 ‖ domain (no NUL) ‖ 0x00 ‖ key: parses uniquely, and never equals a split's info (0x01 ‖ ...).
    return ByteBuffer.allocate(2 + d.length + k.length).put((byte) 0).put(d).put((byte) 0).put(k).array();
  }

  private Cipher cipher(byte[] info) {
    byte[] aesKey = hkdfExpand(pseudorandomKey, info);
    try {
      Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is missing from this JVM", e);
    }
  }

  /** HKDF-Expand to 32 bytes: T(1) = HMAC(PRK, info ‖ 0x01). */
  private static byte[] hkdfExpand(byte[] prk, byte[] info) {
    byte[] input = ByteBuffer.allocate(info.length + 1).put(info).put((byte) 1).array();
    return hmac(prk, input);
  }

  private static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  /** An exact integer sampler fed by uniform bits (the dp-core discrete Gaussian and Laplace). */
  @FunctionalInterface
  public interface IntegerSampler {
    long sample(Randomness random);
  }

  /** The AES-CTR keystream of one coordinate, four blocks at a time. */
  private final class CoordinateRandomness implements Randomness {
    private static final int BLOCKS = 4;
    private final byte[] info;
    private final Cipher cipher;
    private final long coordinate;
    private final byte[] counters = new byte[16 * BLOCKS];
    private final ByteBuffer keystream = ByteBuffer.allocate(16 * BLOCKS);
    private long nextBlock;
    private long splits;
    private long reservoir;
    private int reservoirBits;

    CoordinateRandomness(byte[] info, Cipher cipher, long coordinate) {
      this.info = info;
      this.cipher = cipher;
      this.coordinate = coordinate;
      keystream.position(keystream.capacity());
    }

    @Override
    public boolean isPrivate() {
      return secret.isPrivate();
    }

    @Override
    public synchronized long nextLong() {
      if (!keystream.hasRemaining()) {
        refill();
      }
      return keystream.getLong();
    }

    @Override
    public synchronized long nextBits(int bits) {
      if (bits < 1 || bits > Long.SIZE) {
        throw new IllegalArgumentException("bit count must be in [1, 64], got " + bits);
      }
      if (bits == Long.SIZE) {
        return nextLong();
      }
      if (bits > reservoirBits) {
        reservoir = nextLong();
        reservoirBits = Long.SIZE;
      }
      long out = reservoir & ((1L << bits) - 1);
      reservoir >>>= bits;
      reservoirBits -= bits;
      return out;
    }

    private void refill() {
      ByteBuffer c = ByteBuffer.wrap(counters);
      for (int i = 0; i < BLOCKS; i++) {
        c.putLong(coordinate).putLong(nextBlock++);
      }
      synchronized (cipher) {
        try {
          cipher.doFinal(counters, 0, counters.length, keystream.array(), 0);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("AES-CTR keystream failed", e);
        }
      }
      keystream.clear();
    }

    /** An independent keystream: its own AES key, HKDF-expanded from this stream's info, coordinate and split number. */
    @Override
    public synchronized Randomness split() {
      splits++;
      byte[] child = ByteBuffer.allocate(1 + info.length + 2 * Long.BYTES).put((byte) 1).put(info)
          .putLong(coordinate).putLong(splits).array();
      return new CoordinateRandomness(child, cipher(child), coordinate);
    }

    @Override
    public String describe() {
      return KeyedNoise.this.describe();
    }
  }
}
