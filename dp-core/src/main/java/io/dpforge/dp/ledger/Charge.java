package io.dpforge.dp.ledger;

import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.accounting.Zcdp;
import io.dpforge.dp.random.Randomness;

/**
 * A request to spend privacy budget on one release, built by a factory that names the mechanism and
 * then completed with {@link #using(Randomness)}, e.g.
 * {@code ledger.charge(Charge.gaussian("2-way marginals", 1.0, sigma).using(randomness))}.
 *
 * @param mechanism which mechanism releases (e.g. "gaussian")
 * @param released what is released, in words (e.g. "1,024 2-way marginal counts")
 * @param sensitivity the sensitivity the noise is calibrated to (NaN when not applicable)
 * @param noiseScale σ, the Laplace scale, or the selection ε (NaN when not applicable)
 * @param cost the privacy cost
 * @param randomness {@link Randomness#describe()} of the source of the noise; null until stated
 * @param privateRandomness whether that source is private
 */
public record Charge(String mechanism, String released, double sensitivity, double noiseScale, RdpCurve cost,
    String randomness, boolean privateRandomness) {

  public Charge {
    if (mechanism == null || mechanism.isBlank() || released == null || released.isBlank()) {
      throw new IllegalArgumentException("a charge must name its mechanism and what it releases");
    }
    if (cost == null) {
      throw new IllegalArgumentException("charge '" + released + "' has no privacy cost");
    }
  }

  /** The Gaussian mechanism with L2 sensitivity Δ and noise σ: ρ = Δ²/(2σ²). */
  public static Charge gaussian(String released, double l2Sensitivity, double sigma) {
    checkPositive("Gaussian σ", sigma);
    checkPositive("Gaussian L2 sensitivity", l2Sensitivity);
    return of("gaussian", released, l2Sensitivity, sigma, RdpCurve.gaussian(l2Sensitivity, sigma));
  }

  /** The Laplace mechanism with L1 sensitivity Δ and scale b: (Δ/b)-DP, charged as ρ = (Δ/b)²/2. */
  public static Charge laplace(String released, double l1Sensitivity, double scale) {
    checkPositive("Laplace scale", scale);
    checkPositive("Laplace L1 sensitivity", l1Sensitivity);
    double epsilon = l1Sensitivity / scale;
    return of("laplace", released, l1Sensitivity, scale, RdpCurve.zcdp(Zcdp.fromPureDp(epsilon)));
  }

  /** A selection by the exponential mechanism with parameter ε: ε²/8-zCDP (bounded range). */
  public static Charge exponential(String released, double sensitivity, double epsilon) {
    checkPositive("exponential mechanism ε", epsilon);
    return of("exponential", released, sensitivity, epsilon, RdpCurve.zcdp(Zcdp.exponentialMechanism(epsilon)));
  }

  /** Any mechanism with a known cost. */
  public static Charge of(String mechanism, String released, double sensitivity, double noiseScale, RdpCurve cost) {
    return new Charge(mechanism, released, sensitivity, noiseScale, cost, null, false);
  }

  /** This charge, stating the source of its noise (required before the ledger accepts it). */
  public Charge using(Randomness source) {
    return new Charge(mechanism, released, sensitivity, noiseScale, cost, source.describe(), source.isPrivate());
  }

  private static void checkPositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
    }
  }
}
