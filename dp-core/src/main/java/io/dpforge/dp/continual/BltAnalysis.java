package io.dpforge.dp.continual;

import java.util.Arrays;

/**
 * Closed forms for a BLT counter's error, independent of T in cost (Dvijotham et al. 2024, §5; research
 * brief §b.7). StrictMath throughout, so a fit gives the same parameters on every JVM.
 *
 * <p>Sensitivity (single participation, horizon T; their Lemma 5.3):
 * Δ² = Σ_{k<T} c_k² = 1 + Σ_{i,j} ω_iω_j·(1 − (θ_iθ_j)^{T−1})/(1 − θ_iθ_j).
 *
 * <p>Noise: B = A·C⁻¹ has the power series b(x) = 1/((1 − x)·C(x)) with C(x) = 1 + Σ_j ω_j·x/(1 − θ_j·x).
 * Its poles are x = 1 and x = 1/λ_i, where λ_i are the roots of 1 + Σ_j ω_j/(λ − θ_j) = 0 (the
 * eigenvalues of diag(θ) − 1ωᵀ, the state matrix of C⁻¹). With positive ω the roots are real and
 * interlace the θ_j. Partial fractions give b_k = β₀ + Σ_i β_i·λ_i^k with β₀ = 1/C(1) and
 * β_i = 1/((1 − λ_i)·Σ_j ω_j/(λ_i − θ_j)²), so S(t) = Σ_{k<t} b_k² and its mean over t are sums of
 * geometric series.
 */
final class BltAnalysis {
  private final long horizon;
  private final double sensitivitySquared;
  private final double beta0;
  private final double[] lambda;
  private final double[] beta;

  BltAnalysis(BltParameters p, long horizon) {
    this.horizon = horizon;
    int m = p.buffers();
    double sens = 1;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        sens += p.scale(i) * p.scale(j) * geometricSum(p.decay(i) * p.decay(j), horizon - 1);
      }
    }
    this.sensitivitySquared = sens;
    double atOne = 1;
    for (int j = 0; j < m; j++) {
      atOne += p.scale(j) / (1 - p.decay(j));
    }
    this.beta0 = 1 / atOne;
    this.lambda = inverseDecays(p);
    this.beta = new double[m];
    for (int i = 0; i < m; i++) {
      double slope = 0;
      for (int j = 0; j < m; j++) {
        double d = lambda[i] - p.decay(j);
        slope += p.scale(j) / (d * d);
      }
      beta[i] = 1 / ((1 - lambda[i]) * slope);
    }
  }

  /** The roots of 1 + Σ_j ω_j/(λ − θ_j), one below the smallest θ and one between consecutive θ's. */
  private static double[] inverseDecays(BltParameters p) {
    int m = p.buffers();
    double[] sorted = p.decays();
    Arrays.sort(sorted);
    double totalScale = 0;
    for (int j = 0; j < m; j++) {
      totalScale += p.scale(j);
    }
    double[] roots = new double[m];
    for (int r = 0; r < m; r++) {
      double lo = r == 0 ? sorted[0] - totalScale - 1 : sorted[r - 1];
      double hi = sorted[r];
      for (int iteration = 0; iteration < 2000; iteration++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) {
          break;
        }
        double value = 1;
        for (int j = 0; j < m; j++) {
          value += p.scale(j) / (mid - p.decay(j));
        }
        if (value > 0) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      roots[r] = 0.5 * (lo + hi);
    }
    return roots;
  }

  /** Σ_{k<n} r^k. */
  static double geometricSum(double r, long n) {
    if (n <= 0) {
      return 0;
    }
    if (r == 1) {
      return n;
    }
    if (r > 0.5 && r < 1.5) {
      return -StrictMath.expm1(n * StrictMath.log1p(r - 1)) / (1 - r);
    }
    return (1 - StrictMath.pow(r, (double) n)) / (1 - r);
  }

  /** Σ_{t=1}^{T} Σ_{k<t} r^k = Σ_{k<T} (T − k)·r^k. */
  private double geometricSumOfSums(double r) {
    double n = horizon;
    if (r == 1) {
      return n * (n + 1) / 2;
    }
    return (n - r * geometricSum(r, horizon)) / (1 - r);
  }

  double sensitivitySquared() {
    return sensitivitySquared;
  }

  /** Σ_{k<t} b_k²: V_t/Δ². */
  double rowNormSquared(long t) {
    double s = t * beta0 * beta0;
    for (int i = 0; i < lambda.length; i++) {
      s += 2 * beta0 * beta[i] * geometricSum(lambda[i], t);
      for (int l = 0; l < lambda.length; l++) {
        s += beta[i] * beta[l] * geometricSum(lambda[i] * lambda[l], t);
      }
    }
    return s;
  }

  /** (1/T)·Σ_t Σ_{k<t} b_k²: V_mean/Δ². */
  double meanRowNormSquared() {
    double n = horizon;
    double s = beta0 * beta0 * n * (n + 1) / 2;
    for (int i = 0; i < lambda.length; i++) {
      s += 2 * beta0 * beta[i] * geometricSumOfSums(lambda[i]);
      for (int l = 0; l < lambda.length; l++) {
        s += beta[i] * beta[l] * geometricSumOfSums(lambda[i] * lambda[l]);
      }
    }
    return s / n;
  }

  /** V_max = V_T (V_t is a growing sum of squares) and V_mean. */
  VarianceSummary summary() {
    return new VarianceSummary(sensitivitySquared * rowNormSquared(horizon), sensitivitySquared * meanRowNormSquared());
  }
}
