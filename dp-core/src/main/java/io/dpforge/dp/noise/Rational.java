package io.dpforge.dp.noise;

import java.math.BigInteger;

/**
 * An exact non-negative rational {@code numerator / denominator}, the parameter type of the exact
 * samplers. Every finite double is a dyadic rational, so {@link #of(double)} loses nothing: a
 * mechanism configured with doubles is sampled at exactly the distribution those doubles name.
 *
 * @param numerator at least zero
 * @param denominator positive
 */
public record Rational(BigInteger numerator, BigInteger denominator) implements Comparable<Rational> {
  public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
  public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

  public Rational {
    if (numerator.signum() < 0 || denominator.signum() <= 0) {
      throw new IllegalArgumentException(
          "a rational parameter needs numerator >= 0 and denominator > 0, got " + numerator + "/" + denominator);
    }
  }

  public static Rational of(long numerator, long denominator) {
    return new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
  }

  /**
   * The exact value of a finite, non-negative double ({@code mantissa * 2^exponent}).
   *
   * @throws IllegalArgumentException if {@code value} is negative, NaN or infinite
   */
  public static Rational of(double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("expected a finite value >= 0, got " + value);
    }
    if (value == 0) {
      return ZERO;
    }
    long bits = Double.doubleToRawLongBits(value);
    int biasedExponent = (int) ((bits >>> 52) & 0x7ff);
    long mantissa = bits & 0xfffffffffffffL;
    int exponent;
    if (biasedExponent == 0) {
      exponent = -1074; // subnormal
    } else {
      mantissa |= 1L << 52;
      exponent = biasedExponent - 1075;
    }
    int trailing = Long.numberOfTrailingZeros(mantissa);
    mantissa >>= trailing;
    exponent += trailing;
    BigInteger m = BigInteger.valueOf(mantissa);
    return exponent >= 0
        ? new Rational(m.shiftLeft(exponent), BigInteger.ONE)
        : new Rational(m, BigInteger.ONE.shiftLeft(-exponent));
  }

  /** The exact value of {@code larger - smaller} for finite doubles with {@code larger >= smaller}. */
  public static Rational difference(double larger, double smaller) {
    if (!Double.isFinite(larger) || !Double.isFinite(smaller) || larger < smaller) {
      throw new IllegalArgumentException("expected finite values with larger >= smaller, got " + larger + " and " + smaller);
    }
    java.math.BigDecimal d = new java.math.BigDecimal(larger).subtract(new java.math.BigDecimal(smaller));
    BigInteger unscaled = d.unscaledValue();
    return d.scale() > 0
        ? reduced(unscaled, BigInteger.TEN.pow(d.scale()))
        : new Rational(unscaled.multiply(BigInteger.TEN.pow(-d.scale())), BigInteger.ONE);
  }

  public Rational multiply(Rational other) {
    return reduced(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
  }

  public Rational divide(Rational other) {
    if (other.numerator.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return reduced(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
  }

  public Rational add(Rational other) {
    return reduced(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
        denominator.multiply(other.denominator));
  }

  /** {@code this - other}; must not be negative. */
  public Rational subtract(Rational other) {
    return reduced(numerator.multiply(other.denominator).subtract(other.numerator.multiply(denominator)),
        denominator.multiply(other.denominator));
  }

  /** {@code floor(this)}. */
  public BigInteger floor() {
    return numerator.divide(denominator);
  }

  /** {@code floor(sqrt(this))}, exactly: {@code floor(sqrt(x)) == floor(sqrt(floor(x)))}. */
  public BigInteger floorSqrt() {
    return floor().sqrt();
  }

  public boolean isZero() {
    return numerator.signum() == 0;
  }

  public double doubleValue() {
    return new java.math.BigDecimal(numerator).divide(new java.math.BigDecimal(denominator),
        java.math.MathContext.DECIMAL64).doubleValue();
  }

  @Override
  public int compareTo(Rational other) {
    return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
  }

  private static Rational reduced(BigInteger num, BigInteger den) {
    BigInteger gcd = num.gcd(den);
    return gcd.equals(BigInteger.ONE) || gcd.signum() == 0
        ? new Rational(num, den)
        : new Rational(num.divide(gcd), den.divide(gcd));
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
