package io.dpforge.dp.random;

import java.util.function.LongSupplier;

/** Hands out uniform bits a few at a time from 64-bit words. Not thread-safe; owners synchronise. */
final class BitReservoir {
  private final LongSupplier words;
  private long bits;
  private int available;

  BitReservoir(LongSupplier words) {
    this.words = words;
  }

  /** {@code n} uniform bits, 1 ≤ n ≤ 64, in the low bits. */
  long next(int n) {
    if (n < 1 || n > Long.SIZE) {
      throw new IllegalArgumentException("bit count must be in [1, 64], got " + n);
    }
    if (n == Long.SIZE) {
      return words.getAsLong();
    }
    if (n <= available) {
      long out = bits & ((1L << n) - 1);
      bits >>>= n;
      available -= n;
      return out;
    }
    // Use the remaining bits as the low part, a fresh word for the rest.
    int low = available;
    long out = bits;
    long word = words.getAsLong();
    int high = n - low;
    out |= (word & ((1L << high) - 1)) << low;
    bits = word >>> high;
    available = Long.SIZE - high;
    return out;
  }
}
