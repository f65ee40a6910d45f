package io.dpforge.dp.accounting;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.hipparchus.transform.DftNormalization;
import org.hipparchus.transform.FastFourierTransformer;
import org.hipparchus.transform.TransformType;

/**
 * A discrete privacy loss distribution (PLD): probability masses on the loss grid {k·h} plus a mass at
 * +∞ (Sommer, Meiser and Mohammadi 2019; Koskela, Jälkö and Honkela 2020). Its hockey-stick curve is
 * δ(ε) = p_∞ + Σ_k p_k (1 - e^(ε - k·h))₊.
 *
 * <p>Built pessimistically by "connect the dots" (Doroshenko, Ghazi, Kamath, Kumar and Manurangsi,
 * PETS 2022, §3): the grid PLD whose δ curve passes through the mechanism's δ at every grid point and
 * is linear in e^ε in between; the mechanism's curve is convex in e^ε, so this PLD dominates it. Mass
 * below the grid is lumped on its lowest point and mass above it goes to +∞, both pessimistic.
 * Composition is a convolution power computed by FFT on a window whose outside mass is bounded by a
 * Chernoff bound and added to δ.
 */
public final class PrivacyLossDistribution {
  /** Target for the Chernoff bound on the mass outside the composition window, per tail. */
  private static final double WINDOW_TAIL = 1e-15;
  private static final int MAX_FFT_SIZE = 1 << 24;

  private final double h;
  private final long kMin;
  private final double[] pmf;
  private final double infinityMass;
  private final double slack; // bound on mass misplaced by the FFT window, added to δ
  // suffix sums for δ(ε): mass and Σ p e^{-loss} over losses above index i
  private final double[] massAbove;
  private final double[] weightedAbove;

  private PrivacyLossDistribution(double h, long kMin, double[] pmf, double infinityMass, double slack) {
    this.h = h;
    this.kMin = kMin;
    this.pmf = pmf;
    this.infinityMass = infinityMass;
    this.slack = slack;
    this.massAbove = new double[pmf.length + 1];
    this.weightedAbove = new double[pmf.length + 1];
    for (int i = pmf.length - 1; i >= 0; i--) {
      massAbove[i] = massAbove[i + 1] + pmf[i];
      weightedAbove[i] = weightedAbove[i + 1] + pmf[i] * Math.exp(-loss(i));
    }
  }

  /**
   * The connect-the-dots PLD of a mechanism with privacy curve {@code delta} (δ(ε) for every real ε)
   * on the grid h·k covering [lossLow, lossHigh].
   */
  public static PrivacyLossDistribution connectTheDots(DoubleUnaryOperator delta, double h, double lossLow,
      double lossHigh) {
    long lo = (long) Math.floor(lossLow / h);
    long hi = (long) Math.ceil(lossHigh / h);
    int m = Math.toIntExact(hi - lo);
    double[] deltas = IntStream.rangeClosed(0, m).parallel().mapToDouble(i -> delta.applyAsDouble((lo + i) * h)).toArray();
    double[] p = new double[m + 1];
    double pInf = Math.max(0, deltas[m]);
    double b = 0; // Σ_{j > i} p_j e^{-g_j}
    double finite = 0;
    double shrink = -Math.expm1(-h); // 1 - e^{-h}
    for (int i = m - 1; i >= 0; i--) {
      double gi = (lo + i) * h;
      double gNext = gi + h;
      double expGap = Math.exp(gNext) - Math.exp(gi);
      double mass = (deltas[i] - deltas[i + 1] - b * expGap) / shrink;
      p[i + 1] = Math.max(0, mass);
      b += p[i + 1] * Math.exp(-gNext);
      finite += p[i + 1];
    }
    p[0] = Math.max(0, 1 - pInf - finite);
    return new PrivacyLossDistribution(h, lo, p, pInf, 0);
  }

  /** The PLD of {@code times} independent compositions of this one. */
  public PrivacyLossDistribution selfCompose(long times) {
    if (times < 1) {
      throw new IllegalArgumentException("composition count must be >= 1, got " + times);
    }
    if (times == 1) {
      return this;
    }
    long windowLow = Math.max(times * kMin, (long) Math.floor(lowerTail(times) / h));
    long windowHigh = Math.min(times * (kMin + pmf.length - 1), (long) Math.ceil(upperTail(times) / h));
    long width = windowHigh - windowLow + 1;
    if (width > MAX_FFT_SIZE) {
      throw new IllegalArgumentException("composed privacy loss spans " + width + " grid points; use a coarser"
          + " discretisation interval than " + h);
    }
    int n = Integer.highestOneBit((int) Math.max(2, width - 1)) << 1;
    double[][] data = new double[2][n];
    for (int i = 0; i < pmf.length; i++) {
      data[0][(int) Math.floorMod(kMin + i, (long) n)] += pmf[i];
    }
    FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);
    for (int j = 0; j < n; j++) {
      double re = data[0][j];
      double im = data[1][j];
      double modulus = Math.hypot(re, im);
      if (modulus == 0) {
        continue;
      }
      double r = Math.exp(times * Math.log(modulus));
      double angle = times * Math.atan2(im, re);
      data[0][j] = r * Math.cos(angle);
      data[1][j] = r * Math.sin(angle);
    }
    FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.INVERSE);
    double[] composed = new double[(int) width];
    for (int j = 0; j < n; j++) {
      long k = windowLow + Math.floorMod(j - windowLow, (long) n);
      if (k <= windowHigh) {
        composed[(int) (k - windowLow)] += Math.max(0, data[0][j]);
      }
    }
    double inf = -Math.expm1(times * Math.log1p(-infinityMass));
    return new PrivacyLossDistribution(h, windowLow, composed, inf, times * slack + 2 * WINDOW_TAIL);
  }

  /** The smallest δ such that the PLD is (ε, δ)-DP (pessimistic). */
  public double delta(double epsilon) {
    // first grid index with loss > ε
    long k = (long) Math.floor(epsilon / h) + 1;
    int i = (int) Math.max(0, Math.min(pmf.length, k - kMin));
    double d = massAbove[i] - Math.exp(epsilon) * weightedAbove[i];
    return Math.min(1, infinityMass + slack + Math.max(0, d));
  }

  /** The smallest ε ≥ 0 (to 1e-10) such that the PLD is (ε, δ)-DP; +∞ if δ is below the mass at ∞. */
  public double epsilon(double delta) {
    if (delta(0) <= delta) {
      return 0;
    }
    if (infinityMass + slack >= delta) {
      return Double.POSITIVE_INFINITY;
    }
    double lo = 0;
    double hi = Math.max(h, loss(pmf.length - 1));
    for (int i = 0; i < 200 && hi - lo > 1e-10; i++) {
      double mid = 0.5 * (lo + hi);
      if (delta(mid) > delta) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  /** The mass at +∞. */
  public double infinityMass() {
    return infinityMass;
  }

  private double loss(int index) {
    return (kMin + index) * h;
  }

  /** log E[e^{λ·loss}] of the finite part. */
  private double logMoment(double lambda) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < pmf.length; i++) {
      if (pmf[i] > 0) {
        max = Math.max(max, lambda * loss(i));
      }
    }
    double sum = 0;
    for (int i = 0; i < pmf.length; i++) {
      if (pmf[i] > 0) {
        sum += pmf[i] * Math.exp(lambda * loss(i) - max);
      }
    }
    return max + Math.log(sum);
  }

  /** A u with P[S_T ≥ u] ≤ WINDOW_TAIL by Chernoff: min over λ of (T log M(λ) - log τ)/λ. */
  private double upperTail(long times) {
    double best = Double.POSITIVE_INFINITY;
    for (double lambda = 1.0 / 64; lambda <= 512; lambda *= 2) {
      best = Math.min(best, (times * logMoment(lambda) - Math.log(WINDOW_TAIL)) / lambda);
    }
    return best;
  }

  /** An l with P[S_T ≤ l] ≤ WINDOW_TAIL. */
  private double lowerTail(long times) {
    double best = Double.NEGATIVE_INFINITY;
    for (double lambda = 1.0 / 64; lambda <= 512; lambda *= 2) {
      best = Math.max(best, -(times * logMoment(-lambda) - Math.log(WINDOW_TAIL)) / lambda);
    }
    return best;
  }
}
