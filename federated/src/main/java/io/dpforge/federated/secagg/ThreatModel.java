package io.dpforge.federated.secagg;

/**
 * What a cohort's secure aggregation must withstand (the honest-but-curious server of Bonawitz et al.,
 * CCS 2017, §3, with the SecAgg+ graph analysis of Bell et al., CCS 2020): the server follows the
 * protocol but may pool what it sees with up to a fraction γ of the cohort's clients, who also follow the
 * protocol; up to a fraction δ of the cohort drops out at any point of the protocol, independently of the
 * neighbour graph.
 *
 * @param colludingFraction γ in [0, 1)
 * @param dropoutFraction δ in [0, 1)
 * @param securityBits σ: the probability that the server learns more than the sum is at most 2^−σ
 * @param correctnessBits η: the probability that a cohort within these dropouts cannot be unmasked is at
 *     most 2^−η
 */
public record ThreatModel(double colludingFraction, double dropoutFraction, int securityBits, int correctnessBits) {
  /** γ = 0.1, δ = 0.3, σ = 40, η = 20. */
  public static final ThreatModel DEFAULT = new ThreatModel(0.1, 0.3, 40, 20);

  public ThreatModel {
    if (!(colludingFraction >= 0 && colludingFraction < 1)) {
      throw new IllegalArgumentException("the colluding fraction must be in [0, 1), got " + colludingFraction);
    }
    if (!(dropoutFraction >= 0 && dropoutFraction < 1)) {
      throw new IllegalArgumentException("the dropout fraction must be in [0, 1), got " + dropoutFraction);
    }
    if (securityBits < 1 || securityBits > 128 || correctnessBits < 1 || correctnessBits > 128) {
      throw new IllegalArgumentException("security and correctness bits must be in 1..128, got " + securityBits
          + " and " + correctnessBits);
    }
  }

  /** ⌊γn⌋: colluding clients in a cohort of n. */
  public int colluders(int n) {
    return (int) Math.floor(colludingFraction * n + 1e-9);
  }

  /** ⌊δn⌋: dropouts in a cohort of n. */
  public int dropouts(int n) {
    return (int) Math.floor(dropoutFraction * n + 1e-9);
  }
}
