package io.dpforge.dp.noise;

import io.dpforge.dp.accounting.AnalyticGaussian;
import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.accounting.Zcdp;
import io.dpforge.dp.ledger.Charge;
import io.dpforge.dp.random.Randomness;

/**
 * The Gaussian mechanism on real vectors of L2 sensitivity Δ, implemented without floating-point
 * noise: each coordinate is snapped to a multiple of a power of two g and g times an exact discrete
 * Gaussian sample ({@link DiscreteGaussian}, Canonne, Kamath and Steinke 2020) is added (see
 * {@link Snapping} for why).
 *
 * <p>Calibration, one of:
 *
 * <ul>
 *   <li>{@link Builder#rho}: σ = Δ/√(2ρ), ρ-zCDP (Bun and Steinke 2016, Proposition 1.6);
 *   <li>{@link Builder#epsilonDelta}: the smallest σ for (ε, δ)-DP by the analytic Gaussian mechanism
 *       (Balle and Wang 2018, Theorem 8; {@link AnalyticGaussian});
 *   <li>{@link Builder#sigma}: σ given (e.g. noise multiplier × clipping norm in DP-SGD).
 * </ul>
 *
 * <p>Privacy: for a d-coordinate release, g is the power of two at least min(σ, Δ/√d)·2⁻³⁰; the
 * snapped integer vectors have L2 sensitivity at most (Δ + g√d)/g, and the discrete Gaussian's σ in
 * units of g is that times σ/Δ, rounded up. So the release is Δ²/(2σ²)-zCDP exactly (CKS 2020,
 * Theorem 14 for independent coordinates), and its noise exceeds σ by a relative 2⁻²⁹ at most. For the
 * (ε, δ) calibration the same zCDP bound holds; the analytic (ε, δ) statement is that of the continuous
 * Gaussian, which the discrete Gaussian on so fine a lattice matches to within its lattice effects
 * (CKS 2020, §4; relative differences of order g/σ ≤ 2⁻²⁹). The ledger charges ρ = Δ²/(2σ²), marked
 * Gaussian so that an (ε, δ) budget is charged the analytic ε.
 *
 * <pre>{@code
 * GaussianMechanism m = GaussianMechanism.builder().l2Sensitivity(1).rho(0.05).build();
 * double[] noisy = m.release(ledger, "1,024 marginal counts", counts);
 * }</pre>
 */
public final class GaussianMechanism implements AdditiveNoiseMechanism {
  private static final int GRANULARITY_BITS = 30;
  private static final int MAX_SIGMA_BITS = 48;

  private final double l2Sensitivity;
  private final double sigma;
  private final Randomness random;
  private final double scalarGranularity;
  private final DiscreteGaussian scalarNoise;

  private GaussianMechanism(double l2Sensitivity, double sigma, Randomness random) {
    this.l2Sensitivity = l2Sensitivity;
    this.sigma = sigma;
    this.random = random;
    this.scalarGranularity = granularity(1);
    this.scalarNoise = noiseFor(1, scalarGranularity);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The calibrated noise standard deviation σ (before the tiny snapping inflation). */
  public double sigma() {
    return sigma;
  }

  public double l2Sensitivity() {
    return l2Sensitivity;
  }

  /** ρ = Δ²/(2σ²), marked as a Gaussian mechanism. */
  public RdpCurve cost() {
    return RdpCurve.gaussian(l2Sensitivity, sigma);
  }

  @Override
  public Charge charge(String released) {
    return Charge.gaussian(released, l2Sensitivity, sigma).using(random);
  }

  @Override
  public double addNoise(double value) {
    return Snapping.snapAndShift(value, scalarGranularity, scalarNoise.sample(random));
  }

  /** The noisy vector, sampled in parallel chunks for long vectors. */
  @Override
  public double[] addNoise(double[] values) {
    double g = granularity(values.length);
    DiscreteGaussian noise = noiseFor(values.length, g);
    return ParallelNoise.addSnapped(values, g, noise::sample, random);
  }

  /**
   * The power of two a d-coordinate release is a multiple of: at least min(σ, Δ/√d)·2⁻³⁰, and at least
   * σ·2⁻⁴⁸ so the integer σ stays within the exact sampler's range.
   */
  public double granularity(int dimension) {
    double basis = Math.min(sigma, l2Sensitivity / Math.sqrt(Math.max(1, dimension)));
    return Math.max(Snapping.powerOfTwoAtLeast(Math.scalb(basis, -GRANULARITY_BITS)),
        Snapping.powerOfTwoAtLeast(Math.scalb(sigma, -MAX_SIGMA_BITS)));
  }

  /** Discrete Gaussian with σ_g = ⌈σ (Δ + g√d) / (Δ g)⌉ (√d rounded up). */
  private DiscreteGaussian noiseFor(int dimension, double g) {
    Rational sqrtD = Rational.of(Math.nextUp(Math.sqrt(dimension))); // sqrt is correctly rounded
    Rational gr = Rational.of(g);
    Rational delta = Rational.of(l2Sensitivity);
    Rational scaled = Rational.of(sigma).multiply(delta.add(gr.multiply(sqrtD))).divide(delta.multiply(gr));
    Rational integerSigma = new Rational(scaled.floor().add(java.math.BigInteger.ONE), java.math.BigInteger.ONE);
    return DiscreteGaussian.withVariance(integerSigma.multiply(integerSigma));
  }

  /** Builds a {@link GaussianMechanism}: the L2 sensitivity and exactly one calibration. */
  public static final class Builder {
    private double l2Sensitivity = Double.NaN;
    private Double rho;
    private double[] epsilonDelta;
    private Double sigma;
    private Randomness random;

    private Builder() {}

    /** The L2 sensitivity Δ of the released vector (required, public). */
    public Builder l2Sensitivity(double l2Sensitivity) {
      this.l2Sensitivity = l2Sensitivity;
      return this;
    }

    /** Calibrate for ρ-zCDP: σ = Δ/√(2ρ). */
    public Builder rho(double rho) {
      this.rho = rho;
      return this;
    }

    /** Calibrate for (ε, δ)-DP with the analytic Gaussian mechanism. */
    public Builder epsilonDelta(double epsilon, double delta) {
      this.epsilonDelta = new double[] {epsilon, delta};
      return this;
    }

    /** Use this σ directly. */
    public Builder sigma(double sigma) {
      this.sigma = sigma;
      return this;
    }

    /** The noise source; {@link Randomness#secure()} when not set. */
    public Builder randomness(Randomness random) {
      this.random = random;
      return this;
    }

    public GaussianMechanism build() {
      Preconditions.positive("Gaussian L2 sensitivity", l2Sensitivity);
      int calibrations = (rho != null ? 1 : 0) + (epsilonDelta != null ? 1 : 0) + (sigma != null ? 1 : 0);
      if (calibrations != 1) {
        throw new IllegalArgumentException("a Gaussian mechanism needs exactly one of rho(ρ), epsilonDelta(ε, δ)"
            + " or sigma(σ), got " + calibrations);
      }
      double s;
      if (rho != null) {
        Preconditions.positive("Gaussian ρ", rho);
        s = Zcdp.gaussianSigma(l2Sensitivity, rho);
      } else if (epsilonDelta != null) {
        Preconditions.positive("Gaussian ε", epsilonDelta[0]);
        Preconditions.probability("Gaussian δ", epsilonDelta[1]);
        s = AnalyticGaussian.sigma(l2Sensitivity, epsilonDelta[0], epsilonDelta[1]);
      } else {
        Preconditions.positive("Gaussian σ", sigma);
        s = sigma;
      }
      return new GaussianMechanism(l2Sensitivity, s, random == null ? Randomness.secure() : random);
    }
  }
}
