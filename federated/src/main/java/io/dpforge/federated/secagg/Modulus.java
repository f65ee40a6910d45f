package io.dpforge.federated.secagg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Arithmetic modulo 2^b for the masked vectors, b a multiple of 8 in 16..64; values travel as b/8
 * little-endian bytes each. b = 64 is Java's own long overflow.
 *
 * @param bits b
 */
public record Modulus(int bits) {
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  public Modulus {
    if (bits < 16 || bits > 64 || bits % 8 != 0) {
      throw new IllegalArgumentException("the secure-aggregation modulus must be 2^b with b a multiple of 8 in"
          + " 16..64, got b = " + bits);
    }
  }

  /** Bytes per value on the wire. */
  public int bytes() {
    return bits / 8;
  }

  /** 2^b − 1 (all ones for b = 64). */
  public long mask() {
    return bits == 64 ? -1L : (1L << bits) - 1;
  }

  /** x mod 2^b for any long x (two's complement). */
  public long reduce(long x) {
    return x & mask();
  }

  /** The representative of x in [−2^(b−1), 2^(b−1)). */
  public long signed(long x) {
    return bits == 64 ? x : (x << (64 - bits)) >> (64 - bits);
  }

  /** Reads one value from little-endian bytes. */
  public long read(byte[] b, int offset) {
    if (bits == 32) {
      return (int) INT_LE.get(b, offset) & 0xffffffffL;
    }
    if (bits == 64) {
      return (long) LONG_LE.get(b, offset);
    }
    long v = 0;
    for (int i = bytes() - 1; i >= 0; i--) {
      v = (v << 8) | (b[offset + i] & 0xffL);
    }
    return v;
  }

  /** Writes one value (reduced) as little-endian bytes. */
  public void write(long v, byte[] b, int offset) {
    for (int i = 0; i < bytes(); i++) {
      b[offset + i] = (byte) (v >>> (8 * i));
    }
  }

  /** Encodes values[from, from+n) as bytes. */
  public byte[] encode(long[] values, int from, int n) {
    byte[] out = new byte[n * bytes()];
    for (int i = 0; i < n; i++) {
      write(values[from + i], out, i * bytes());
    }
    return out;
  }
}
