package io.dpforge.dp.continual;

import io.dpforge.dp.accounting.Zcdp;
import io.dpforge.dp.ledger.Charge;
import io.dpforge.dp.noise.DiscreteGaussian;
import io.dpforge.dp.noise.DiscreteLaplace;
import io.dpforge.dp.noise.Rational;
import java.math.BigInteger;

/**
 * A counter calibrated to a privacy level: the noise grid, the exact integer sampler of each draw, and
 * the sensitivity and scale to charge to the ledger.
 *
 * <p>Privacy unit: one step's count changes by at most 1 (event level at the step's granularity).
 *
 * <ul>
 *   <li>Gaussian, ρ-zCDP: draws from the exact discrete Gaussian (Canonne, Kamath and Steinke 2020,
 *       Theorem 4) with σ = Δ/√(2ρ). Tree strategies measure integers: σ² = Δ²/(2ρ) exactly. The square
 *       root measures exactly on its grid (Δ̃ of its rounded coefficients); BLT snaps its measurement,
 *       and the sensitivity grows by {@link BltMechanism#snappingAllowance}. Grids are 2^-bits with
 *       σ/2^-bits ≈ 2^24, so those corrections are below 10^-5 of Δ.
 *   <li>Laplace, ε-DP (tree strategies only): discrete Laplace of scale Δ₁/ε, rounded up to a double.
 * </ul>
 */
public final class CounterCalibration {
  /** The noise standard deviation is about 2^GRID_BITS_BELOW_SIGMA grid steps. */
  static final int GRID_BITS_BELOW_SIGMA = 24;

  private final CounterMechanism mechanism;
  private final NoiseGrid grid;
  private final KeyedNoise.IntegerSampler sampler;
  private final boolean gaussian;
  private final double sensitivity;
  private final double noiseScale;
  private final double drawVariance;
  private final double rho;

  private CounterCalibration(CounterMechanism mechanism, NoiseGrid grid, KeyedNoise.IntegerSampler sampler,
      boolean gaussian, double sensitivity, double noiseScale, double drawVariance, double rho) {
    this.mechanism = mechanism;
    this.grid = grid;
    this.sampler = sampler;
    this.gaussian = gaussian;
    this.sensitivity = sensitivity;
    this.noiseScale = noiseScale;
    this.drawVariance = drawVariance;
    this.rho = rho;
  }

  /** The Gaussian variant at ρ-zCDP. */
  public static CounterCalibration gaussian(CounterMechanism mechanism, double rho) {
    if (!(rho > 0) || Double.isInfinite(rho)) {
      throw new IllegalArgumentException("rho must be positive and finite, got " + rho);
    }
    Rational twoRho = Rational.of(2 * rho);
    double sensSquared = mechanism.sensitivitySquared();
    if (mechanism.integerStrategy()) {
      Rational variance = Rational.of((long) sensSquared, 1).divide(twoRho);
      return new CounterCalibration(mechanism, NoiseGrid.INTEGERS, DiscreteGaussian.withVariance(variance)::sample,
          true, Math.sqrt(sensSquared), Math.sqrt(variance.doubleValue()), variance.doubleValue(),
          Zcdp.gaussianRho(Math.sqrt(sensSquared), Math.sqrt(variance.doubleValue())));
    }
    NoiseGrid grid = gridFor(Math.sqrt(sensSquared / (2 * rho)));
    if (mechanism instanceof SquareRootMechanism sqrt) {
      BigInteger exact = sqrt.gridSensitivitySquared(grid);
      Rational variance = new Rational(exact, BigInteger.ONE).divide(twoRho);
      return lattice(mechanism, grid, variance, Math.sqrt(exact.doubleValue()));
    }
    BltMechanism blt = (BltMechanism) mechanism;
    // Δ from float64 closed forms (relative error ~1e-14), padded, plus the fixed-point/snapping allowance.
    double gridSensitivity = (Math.sqrt(sensSquared) * (1 + 1e-9) + blt.snappingAllowance(grid)) / grid.spacing();
    Rational variance = Rational.of(gridSensitivity * gridSensitivity / (2 * rho) * (1 + 1e-12));
    return lattice(mechanism, grid, variance, gridSensitivity);
  }

  /** Draws 2^-bits·Z with Z exact discrete Gaussian of variance {@code variance} (grid units). */
  private static CounterCalibration lattice(CounterMechanism mechanism, NoiseGrid grid, Rational variance,
      double gridSensitivity) {
    double spacing = grid.spacing();
    double sigma = Math.sqrt(variance.doubleValue()) * spacing;
    double sens = gridSensitivity * spacing;
    return new CounterCalibration(mechanism, grid, DiscreteGaussian.withVariance(variance)::sample, true, sens, sigma,
        sigma * sigma, Zcdp.gaussianRho(sens, sigma));
  }

  /**
   * The Laplace variant at ε-DP.
   *
   * @throws IllegalArgumentException for mechanisms without an integer strategy (square root, BLT)
   */
  public static CounterCalibration laplace(CounterMechanism mechanism, double epsilon) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be positive and finite, got " + epsilon);
    }
    if (mechanism.l1Sensitivity().isEmpty()) {
      throw new IllegalArgumentException(mechanism.name() + " has no Laplace variant: its L1 sensitivity grows like"
          + " sqrt(T); use tree, honaker or smooth for pure DP");
    }
    double l1 = mechanism.l1Sensitivity().getAsDouble();
    double scale = Math.nextUp(l1 / epsilon); // rounded up: the realised ε = Δ₁/scale is at most ε
    double p = Math.exp(-1 / scale);
    double variance = 2 * p / ((1 - p) * (1 - p));
    return new CounterCalibration(mechanism, NoiseGrid.INTEGERS, DiscreteLaplace.withScale(scale)::sample, false, l1,
        scale, variance, Zcdp.fromPureDp(l1 / scale));
  }

  /** The grid 2^-bits with about 2^24 steps per noise standard deviation. */
  private static NoiseGrid gridFor(double sigma) {
    return new NoiseGrid(Math.max(0, Math.min(52, GRID_BITS_BELOW_SIGMA - Math.getExponent(sigma))));
  }

  public CounterMechanism mechanism() {
    return mechanism;
  }

  public NoiseGrid grid() {
    return grid;
  }

  /** The exact sampler of one draw, in grid units. */
  public KeyedNoise.IntegerSampler sampler() {
    return sampler;
  }

  public boolean isGaussian() {
    return gaussian;
  }

  /** The sensitivity the noise is calibrated to (L2 for Gaussian, L1 for Laplace), grid corrections included. */
  public double sensitivity() {
    return sensitivity;
  }

  /** σ (Gaussian) or the Laplace scale, in count units. */
  public double noiseScale() {
    return noiseScale;
  }

  /** The zCDP cost of one stream (for Laplace, ε²/2). */
  public double rho() {
    return rho;
  }

  /** The variance of the released noise at step t: (V_t/Δ²)·Var[one draw], in count units. */
  public double stepVariance(long t) {
    return mechanism.varianceCoefficient(t) / mechanism.sensitivitySquared() * drawVariance;
  }

  /** The keyed draws of one stream. */
  public NoiseDraws draws(KeyedNoise noise, String streamKey) {
    return noise.drawsFor(streamKey, sampler);
  }

  /** Opens a stream with keyed noise. */
  public CounterStream open(KeyedNoise noise, String streamKey) {
    return mechanism.open(grid, draws(noise, streamKey));
  }

  /** The ledger charge of one stream (state the randomness with {@link Charge#using} before charging). */
  public Charge charge(String released) {
    return gaussian ? Charge.gaussian(released, sensitivity, noiseScale)
        : Charge.laplace(released, sensitivity, noiseScale);
  }
}
