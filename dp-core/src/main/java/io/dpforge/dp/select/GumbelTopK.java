package io.dpforge.dp.select;

import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.accounting.Zcdp;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.noise.Preconditions;

/**
 * One-shot top-k selection with Gumbel noise: add Gumbel(2Δ/ε) noise (Gumbel(Δ/ε) for monotone
 * utilities) to every utility and report the k largest, in order. Durfee and Rogers ("Practical
 * Differentially Private Top-k Selection with Pay-what-you-get Composition", NeurIPS 2019, Lemma 4.2)
 * show this has exactly the distribution of k rounds of the exponential mechanism with parameter ε,
 * each removing the candidate it picked ("peeling"). Hence the privacy cost is k exponential
 * mechanisms: k·ε²/8-zCDP (see "One-shot DP Top-k mechanisms" on differentialprivacy.org). This is the
 * selection step of Private-GSD's adaptive rounds.
 *
 * <p>Implemented as that peeling, each round sampled exactly ({@link ExactWeights}), so no Gumbel
 * variate is ever computed in floating point.
 */
public final class GumbelTopK extends SelectionMechanism {
  private final int k;

  private GumbelTopK(Builder b) {
    super(b);
    this.k = b.k;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The per-selection ε that makes k selections cost ρ in zCDP: √(8ρ/k). */
  public static double epsilonForRho(double rho, int k) {
    return Math.sqrt(8 * rho / k);
  }

  public int k() {
    return k;
  }

  /** k·ε²/8 zCDP. */
  @Override
  public RdpCurve cost() {
    return RdpCurve.zcdp(k * Zcdp.exponentialMechanism(epsilon));
  }

  @Override
  String mechanism() {
    return "gumbel-top-k";
  }

  /** Charges the ledger, then selects. */
  public int[] release(PrivacyLedger ledger, String released, double[] utilities) {
    ledger.charge(charge(released));
    return select(utilities);
  }

  /**
   * The indices of the noisy top k, best first. The caller must have charged {@link #charge}.
   *
   * @throws IllegalArgumentException if there are fewer than k candidates
   */
  public int[] select(double[] utilities) {
    if (utilities.length < k) {
      throw new IllegalArgumentException("top-" + k + " selection needs at least " + k + " candidates, got "
          + utilities.length);
    }
    ExactWeights weights = ExactWeights.of(utilities, factor);
    int[] remaining = new int[utilities.length];
    for (int i = 0; i < remaining.length; i++) {
      remaining[i] = i;
    }
    int[] chosen = new int[k];
    int count = remaining.length;
    for (int round = 0; round < k; round++) {
      int p = weights.samplePosition(remaining, count, random);
      chosen[round] = remaining[p];
      remaining[p] = remaining[--count];
    }
    return chosen;
  }

  /** Builds a {@link GumbelTopK}. */
  public static final class Builder extends SelectionBuilder<Builder, GumbelTopK> {
    private int k = 1;

    private Builder() {}

    /** How many candidates to select (default 1). */
    public Builder k(int k) {
      Preconditions.positive("top-k k", k);
      this.k = k;
      return this;
    }

    @Override
    GumbelTopK create() {
      return new GumbelTopK(this);
    }
  }
}
