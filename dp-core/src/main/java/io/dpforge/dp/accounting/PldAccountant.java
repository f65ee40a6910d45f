package io.dpforge.dp.accounting;

/**
 * Tight (ε, δ) for T steps of the Poisson-subsampled Gaussian mechanism from its privacy loss
 * distribution ({@link PrivacyLossDistribution}): for each adjacency direction (remove: mixture
 * (1-q)N(0,σ²) + qN(1,σ²) against N(0,σ²); add: the reverse) the exact single-step privacy curve is
 * discretised pessimistically on a grid of spacing h (default 10⁻⁴, as dp_accounting), composed T
 * times by FFT, and ε is the larger of the two directions'. Every approximation errs upwards, so the
 * result is an upper bound on the true ε (up to the FFT's floating-point error) and is below the RDP
 * accountant's, which is looser.
 */
public final class PldAccountant implements SubsampledGaussianAccountant {
  /** Normal tails beyond this many σ hold under 1e-20 of the mass. */
  private static final double X_RANGE_SIGMAS = 9.5;

  private final double h;

  private PldAccountant(double h) {
    this.h = h;
  }

  /** The accountant with discretisation interval h (10⁻⁴ is dp_accounting's default). */
  public static PldAccountant withDiscretisation(double h) {
    if (!(h > 0 && h < 1)) {
      throw new IllegalArgumentException("discretisation interval must be in (0, 1), got " + h);
    }
    return new PldAccountant(h);
  }

  /** The accountant with h = 10⁻⁴. */
  public static PldAccountant standard() {
    return withDiscretisation(1e-4);
  }

  @Override
  public double epsilon(double samplingRate, double noiseMultiplier, long steps, double delta) {
    RdpConversion.checkDelta(delta);
    if (samplingRate == 0) {
      return 0;
    }
    return Math.max(remove(samplingRate, noiseMultiplier).selfCompose(steps).epsilon(delta),
        add(samplingRate, noiseMultiplier).selfCompose(steps).epsilon(delta));
  }

  @Override
  public String name() {
    return "pld";
  }

  /** One step, remove direction: loss L(x) = log(1 - q + q e^{(2x-1)/(2σ²)}), x from the mixture. */
  PrivacyLossDistribution remove(double q, double sigma) {
    check(q, sigma);
    SubsampledGaussianCurve c = new SubsampledGaussianCurve(q, sigma);
    double low = c.loss(-X_RANGE_SIGMAS * sigma);
    double high = c.loss(1 + X_RANGE_SIGMAS * sigma);
    return PrivacyLossDistribution.connectTheDots(c::deltaRemove, h, low, high);
  }

  /** One step, add direction: loss -L(x), x from N(0, σ²). */
  PrivacyLossDistribution add(double q, double sigma) {
    check(q, sigma);
    SubsampledGaussianCurve c = new SubsampledGaussianCurve(q, sigma);
    double low = -c.loss(X_RANGE_SIGMAS * sigma);
    double high = -c.loss(-X_RANGE_SIGMAS * sigma);
    return PrivacyLossDistribution.connectTheDots(c::deltaAdd, h, low, high);
  }

  private static void check(double q, double sigma) {
    if (!(q > 0 && q <= 1) || !(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("PLD needs q in (0, 1] and σ > 0, got q=" + q + ", σ=" + sigma);
    }
  }

  /** The exact single-step privacy curves of the subsampled Gaussian, in log space. */
  private record SubsampledGaussianCurve(double q, double sigma) {
    double loss(double x) {
      double z = (2 * x - 1) / (2 * sigma * sigma);
      return q == 1 ? z : SubsampledGaussianRdp.logAdd(Math.log1p(-q), Math.log(q) + z);
    }

    /** The x where the remove-direction loss equals ε (needs ε &gt; log(1-q)). */
    double lossInverse(double epsilon) {
      double logRatio = q == 1 ? epsilon : Math.log((Math.expm1(epsilon) + q) / q);
      return sigma * sigma * logRatio + 0.5;
    }

    /** δ(ε) for remove: P[X > x_ε] - e^ε Q[X > x_ε] = qΦ̄((x-1)/σ) - (e^ε - 1 + q)Φ̄(x/σ). */
    double deltaRemove(double epsilon) {
      if (q < 1 && epsilon <= Math.log1p(-q)) {
        return -Math.expm1(epsilon);
      }
      double x = lossInverse(epsilon);
      double a = Math.log(q) + logUpper((x - 1) / sigma);
      double b = Math.log(Math.expm1(epsilon) + q) + logUpper(x / sigma);
      return b >= a ? 0 : -Math.exp(a) * Math.expm1(b - a);
    }

    /** δ(ε) for add: Φ(x/σ)(1 - e^ε(1-q)) - q e^ε Φ((x-1)/σ) at x = x(-ε). */
    double deltaAdd(double epsilon) {
      if (q < 1 && epsilon >= -Math.log1p(-q)) {
        return 0;
      }
      double x = lossInverse(-epsilon);
      double logWeight = q == 1 ? 0 : Math.log(-Math.expm1(epsilon + Math.log1p(-q))); // log(1 - e^ε(1-q))
      double a = logWeight + logLower(x / sigma);
      double b = Math.log(q) + epsilon + logLower((x - 1) / sigma);
      return b >= a ? 0 : -Math.exp(a) * Math.expm1(b - a);
    }

    private static double logUpper(double z) {
      return GaussianTail.logNormalCdf(-z);
    }

    private static double logLower(double z) {
      return GaussianTail.logNormalCdf(z);
    }
  }
}
