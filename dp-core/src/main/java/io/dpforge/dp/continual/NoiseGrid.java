package io.dpforge.dp.continual;

/**
 * The dyadic grid 2^-bits·ℤ on which a stream's noisy measurement C·x + z lives.
 *
 * <p>Integer noise (the exact discrete samplers) is private only when it is added to a query whose
 * neighbouring values differ by lattice vectors; otherwise the fractional part of the output reveals the
 * query (Canonne, Kamath and Steinke 2020 §3 assume an integer-valued query). Tree strategies measure
 * integers (bits = 0). The square-root and BLT strategies have real coefficients, so they measure on a
 * fine grid whose spacing is about 2^-24 of the noise standard deviation, with the draws scaled by the
 * spacing.
 *
 * @param bits the grid spacing is 2^-bits; 0 for integers
 */
public record NoiseGrid(int bits) {
  /** The integers. */
  public static final NoiseGrid INTEGERS = new NoiseGrid(0);

  public NoiseGrid {
    if (bits < 0 || bits > 200) {
      throw new IllegalArgumentException("grid bits must be in [0, 200], got " + bits);
    }
  }

  /** 2^-bits. */
  public double spacing() {
    return Math.scalb(1.0, -bits);
  }
}
