package io.dpforge.dp.noise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.random.Randomness;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BernoulliExpTest {

  /** Frequency within 4.5 binomial standard deviations of exp(-γ) (two-sided p ≈ 7e-6). */
  @ParameterizedTest
  @CsvSource({"0,1", "1,3", "1,1", "5,2", "7,1", "123456789,100000000"})
  void frequencyMatchesExpMinusGamma(long num, long den) {
    Randomness r = Randomness.seededNotPrivate(num * 31 + den);
    int n = 100_000;
    int hits = 0;
    for (int i = 0; i < n; i++) {
      if (BernoulliExp.sample(r, num, den)) {
        hits++;
      }
    }
    double p = Math.exp(-(double) num / den);
    double sd = Math.sqrt(n * p * (1 - p));
    assertTrue(Math.abs(hits - n * p) <= 4.5 * sd + 1e-9, "γ=" + num + "/" + den + ": " + hits + " vs " + n * p);
  }

  /** The BigInteger path (fractions beyond 62 bits) gives the same law. */
  @ParameterizedTest
  @CsvSource({"1,3", "5,2"})
  void bigFractionsMatchTheirValue(long num, long den) {
    BigInteger scale = BigInteger.ONE.shiftLeft(90).add(BigInteger.valueOf(12345));
    Randomness r = Randomness.seededNotPrivate(99);
    int n = 60_000;
    int hits = 0;
    for (int i = 0; i < n; i++) {
      if (BernoulliExp.sample(r, BigInteger.valueOf(num).multiply(scale), BigInteger.valueOf(den).multiply(scale))) {
        hits++;
      }
    }
    double p = Math.exp(-(double) num / den);
    assertTrue(Math.abs(hits - n * p) <= 4.5 * Math.sqrt(n * p * (1 - p)), hits + " vs " + n * p);
  }

  /**
   * The estimate path is exact whatever the width of the window: a wide window (many draws finished in
   * exact arithmetic) and a window straddling an integer (all exact) give exp(-γ) too.
   */
  @ParameterizedTest
  @CsvSource({"1,3,0.3333,0.01", "1,3,0.3,0.2", "5,2,2.5,0.6", "7,3,2.3333333333,1e-9"})
  void estimatedGammaStillSamplesTheExactLaw(long num, long den, double estimate, double error) {
    Randomness r = Randomness.seededNotPrivate(num + 17 * den);
    Rational gamma = Rational.of(num, den);
    int n = 100_000;
    int hits = 0;
    for (int i = 0; i < n; i++) {
      if (BernoulliExp.sample(r, estimate, error, () -> gamma)) {
        hits++;
      }
    }
    double p = Math.exp(-(double) num / den);
    assertTrue(Math.abs(hits - n * p) <= 4.5 * Math.sqrt(n * p * (1 - p)), hits + " vs " + n * p);
  }
}
