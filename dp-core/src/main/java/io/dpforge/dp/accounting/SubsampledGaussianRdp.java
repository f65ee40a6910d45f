package io.dpforge.dp.accounting;

/**
 * Rényi DP of one step of the Poisson-subsampled Gaussian mechanism (sampling rate q, noise multiplier
 * σ = noise std / L2 sensitivity), exactly as Mironov, Talwar and Zhang, "Rényi Differential Privacy of
 * the Sampled Gaussian Mechanism" (arXiv 1908.10530), §3.3: ε(α) = log(A_α)/(α - 1) with
 *
 * <ul>
 *   <li>integer α: A_α = Σ_{k=0..α} C(α,k) (1-q)^{α-k} q^k exp((k² - k)/(2σ²));
 *   <li>fractional α: A_α = A_{α,0} + A_{α,1}, two series over i with generalised binomials and
 *       erfc factors split at z0 = σ² log(1/q - 1) + ½.
 * </ul>
 *
 * Everything is evaluated in log space (log-add-exp, log erfc), so large orders do not overflow.
 * Fractional orders come in the two {@link FractionalSeries} variants that Opacus and Google's
 * dp_accounting use. Add/remove-one adjacency.
 */
public final class SubsampledGaussianRdp {
  /** dp_accounting gives up after this many terms and drops the order. */
  private static final int MAX_TERMS = 1000;
  private static final double LOG_HALF = Math.log(0.5);

  /** How the fractional-order series is summed. */
  public enum FractionalSeries {
    /**
     * Terms added or subtracted by the sign of the generalised binomial, stopping once both terms are
     * below e⁻³⁰ (Opacus, and TF Privacy before 2024).
     */
    SIGNED,
    /**
     * Absolute values of the terms (an upper bound), stopping when both terms decrease and are e⁻³⁰
     * below the total; +∞ if that takes over 1,000 terms (dp_accounting since September 2024).
     */
    ABSOLUTE
  }

  private SubsampledGaussianRdp() {}

  /**
   * Single-step RDP at order α.
   *
   * @throws IllegalArgumentException for q outside [0, 1], σ &lt; 0 or α ≤ 1
   */
  public static double rdp(double q, double sigma, double alpha, FractionalSeries series) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("sampling rate must be in [0, 1], got " + q);
    }
    if (!(sigma >= 0)) {
      throw new IllegalArgumentException("noise multiplier must be >= 0, got " + sigma);
    }
    if (!(alpha > 1)) {
      throw new IllegalArgumentException("Rényi order must be > 1, got " + alpha);
    }
    if (q == 0) {
      return 0;
    }
    if (sigma == 0 || Double.isInfinite(alpha)) {
      return Double.POSITIVE_INFINITY;
    }
    if (q == 1) {
      return alpha / (2 * sigma * sigma);
    }
    double logA = alpha == Math.rint(alpha) && alpha < Integer.MAX_VALUE
        ? logAInteger(q, sigma, (int) alpha)
        : logAFractional(q, sigma, alpha, series);
    return logA / (alpha - 1);
  }

  /** The RDP curve of {@code steps} compositions at the given orders. */
  public static RdpCurve curve(double q, double sigma, long steps, double[] orders, FractionalSeries series) {
    double[] values = new double[orders.length];
    for (int i = 0; i < orders.length; i++) {
      values[i] = rdp(q, sigma, orders[i], series) * steps;
    }
    return RdpCurve.tabulated(orders, values);
  }

  private static double logAInteger(double q, double sigma, int alpha) {
    double logQ = Math.log(q);
    double log1mQ = Math.log1p(-q);
    double logA = Double.NEGATIVE_INFINITY;
    double logBinomial = 0; // log C(alpha, k), by recurrence
    for (int k = 0; k <= alpha; k++) {
      if (k > 0) {
        logBinomial += Math.log(alpha - k + 1) - Math.log(k);
      }
      double term = logBinomial + k * logQ + (alpha - k) * log1mQ + ((double) k * k - k) / (2 * sigma * sigma);
      logA = logAdd(logA, term);
    }
    return logA;
  }

  private static double logAFractional(double q, double sigma, double alpha, FractionalSeries series) {
    double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
    double logQ = Math.log(q);
    double log1mQ = Math.log1p(-q);
    double root2Sigma = Math.sqrt(2) * sigma;
    SignedLog a0 = new SignedLog();
    SignedLog a1 = new SignedLog();
    double lastS0 = Double.NEGATIVE_INFINITY;
    double lastS1 = Double.NEGATIVE_INFINITY;
    double logAbsBinomial = 0; // log |C(alpha, i)|, by recurrence
    boolean positive = true; // sign of C(alpha, i)
    for (int i = 0; i < MAX_TERMS; i++) {
      if (i > 0) {
        double factor = alpha - i + 1;
        logAbsBinomial += Math.log(Math.abs(factor)) - Math.log(i);
        if (factor < 0) {
          positive = !positive;
        }
      }
      double j = alpha - i;
      double logT0 = logAbsBinomial + i * logQ + j * log1mQ;
      double logT1 = logAbsBinomial + j * logQ + i * log1mQ;
      double logE0 = LOG_HALF + GaussianTail.logErfc((i - z0) / root2Sigma);
      double logE1 = LOG_HALF + GaussianTail.logErfc((z0 - j) / root2Sigma);
      double logS0 = logT0 + ((double) i * i - i) / (2 * sigma * sigma) + logE0;
      double logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
      if (series == FractionalSeries.SIGNED) {
        a0.add(logS0, positive);
        a1.add(logS1, positive);
        if (Math.max(logS0, logS1) < -30) {
          return logAdd(a0.log(), a1.log());
        }
      } else {
        a0.add(logS0, true);
        a1.add(logS1, true);
        double total = logAdd(a0.log(), a1.log());
        if (logS0 < lastS0 && logS1 < lastS1 && Math.max(logS0, logS1) < total - 30) {
          return total;
        }
        lastS0 = logS0;
        lastS1 = logS1;
      }
    }
    return series == FractionalSeries.SIGNED ? logAdd(a0.log(), a1.log()) : Double.POSITIVE_INFINITY;
  }

  /** log(e^x + e^y). */
  static double logAdd(double x, double y) {
    double lo = Math.min(x, y);
    double hi = Math.max(x, y);
    if (lo == Double.NEGATIVE_INFINITY) {
      return hi;
    }
    return Math.log1p(Math.exp(lo - hi)) + hi;
  }

  /** A signed sum kept as sign and log magnitude. */
  private static final class SignedLog {
    private boolean positive = true;
    private double log = Double.NEGATIVE_INFINITY;

    void add(double logTerm, boolean termPositive) {
      if (logTerm == Double.NEGATIVE_INFINITY) {
        return;
      }
      if (log == Double.NEGATIVE_INFINITY) {
        positive = termPositive;
        log = logTerm;
      } else if (positive == termPositive) {
        log = logAdd(log, logTerm);
      } else if (log > logTerm) {
        log += Math.log1p(-Math.exp(logTerm - log));
      } else if (log < logTerm) {
        log = logTerm + Math.log1p(-Math.exp(log - logTerm));
        positive = termPositive;
      } else {
        log = Double.NEGATIVE_INFINITY;
        positive = true;
      }
    }

    double log() {
      if (!positive && log != Double.NEGATIVE_INFINITY) {
        throw new ArithmeticException("the subsampled-Gaussian series summed to a negative value");
      }
      return log;
    }
  }
}
