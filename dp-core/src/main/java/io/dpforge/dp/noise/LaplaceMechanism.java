package io.dpforge.dp.noise;

import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.accounting.Zcdp;
import io.dpforge.dp.ledger.Charge;
import io.dpforge.dp.random.Randomness;
import java.math.BigInteger;

/**
 * The Laplace mechanism on real values, ε-DP for a query of L1 sensitivity Δ (Dwork, McSherry, Nissim
 * and Smith 2006; Dwork and Roth 2014, Theorem 3.6), implemented without floating-point noise: the
 * input is snapped to a multiple of a power of two g ≥ (Δ/ε)·2⁻⁴⁰ and g times an exact discrete
 * Laplace sample ({@link DiscreteLaplace}) is added, the design of Google's DP library that defeats
 * Mironov's 2012 attack (see {@link Snapping}).
 *
 * <p>Privacy: the integer multiples have L1 sensitivity at most (Δ + g·d)/g over d coordinates, and the
 * discrete Laplace scale is that divided by ε, rounded up, so the release is exactly ε-DP; its noise is
 * larger than Δ/ε by a relative (g·d/Δ + 2⁻³⁹) at most. Charged to a ledger as ρ = ε²/2 (Bun and
 * Steinke 2016, Proposition 1.4).
 *
 * <pre>{@code
 * LaplaceMechanism m = LaplaceMechanism.builder().l1Sensitivity(1).epsilon(0.5).build();
 * double noisyCount = m.release(ledger, "row count", count);
 * }</pre>
 */
public final class LaplaceMechanism implements AdditiveNoiseMechanism {
  private static final int GRANULARITY_BITS = 40;

  private final double l1Sensitivity;
  private final double epsilon;
  private final double granularity;
  private final Randomness random;
  private final DiscreteLaplace scalarNoise;

  private LaplaceMechanism(Builder b) {
    this.l1Sensitivity = b.l1Sensitivity;
    this.epsilon = b.epsilon;
    this.random = b.random;
    this.granularity = Snapping.powerOfTwoAtLeast(Math.scalb(l1Sensitivity / epsilon, -GRANULARITY_BITS));
    this.scalarNoise = noiseFor(1);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The nominal Laplace scale Δ/ε. */
  public double scale() {
    return l1Sensitivity / epsilon;
  }

  public double epsilon() {
    return epsilon;
  }

  /** The power of two the outputs are multiples of. */
  public double granularity() {
    return granularity;
  }

  /** ρ = ε²/2. */
  public RdpCurve cost() {
    return RdpCurve.zcdp(Zcdp.fromPureDp(epsilon));
  }

  @Override
  public Charge charge(String released) {
    return Charge.laplace(released, l1Sensitivity, scale()).using(random);
  }

  @Override
  public double addNoise(double value) {
    return Snapping.snapAndShift(value, granularity, scalarNoise.sample(random));
  }

  @Override
  public double[] addNoise(double[] values) {
    DiscreteLaplace noise = noiseFor(values.length);
    return ParallelNoise.addSnapped(values, granularity, noise::sample, random);
  }

  /** Discrete Laplace of integer scale ⌈(Δ + g·d)/(ε·g)⌉. */
  private DiscreteLaplace noiseFor(int dimension) {
    Rational g = Rational.of(granularity);
    Rational inflated = Rational.of(l1Sensitivity).add(g.multiply(Rational.of(dimension, 1)));
    Rational scale = inflated.divide(Rational.of(epsilon).multiply(g));
    BigInteger t = scale.floor().add(BigInteger.ONE);
    return DiscreteLaplace.withIntegerScale(t.longValueExact());
  }

  /** Builds a {@link LaplaceMechanism}. */
  public static final class Builder {
    private double l1Sensitivity = Double.NaN;
    private double epsilon = Double.NaN;
    private Randomness random;

    private Builder() {}

    /** The L1 sensitivity Δ of the released value or vector (required, public). */
    public Builder l1Sensitivity(double l1Sensitivity) {
      this.l1Sensitivity = l1Sensitivity;
      return this;
    }

    /** The privacy parameter ε (required). */
    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    /** The noise source; {@link Randomness#secure()} when not set. */
    public Builder randomness(Randomness random) {
      this.random = random;
      return this;
    }

    public LaplaceMechanism build() {
      Preconditions.positive("Laplace L1 sensitivity", l1Sensitivity);
      Preconditions.positive("Laplace ε", epsilon);
      if (random == null) {
        random = Randomness.secure();
      }
      return new LaplaceMechanism(this);
    }
  }
}
