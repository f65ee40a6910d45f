package io.dpforge.dp.select;

import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.accounting.Zcdp;
import java.util.stream.IntStream;

/**
 * The exponential mechanism (McSherry and Talwar, FOCS 2007): picks candidate i with probability
 * ∝ exp(ε·u_i/(2Δ)), or ∝ exp(ε·u_i/Δ) for monotone utilities. ε-DP (Dwork and Roth 2014, Theorem
 * 3.10) and ε-bounded-range, hence ε²/8-zCDP (Cesar and Rogers, ALT 2021, Lemma 3.2), which is what the
 * ledger is charged.
 *
 * <p>Sampled exactly by rejection with exact Bernoulli(exp(-γ)) trials ({@link ExactWeights}); no
 * floating-point exponentials or Gumbel inversions.
 */
public final class ExponentialMechanism extends SingleSelection {

  private ExponentialMechanism(Builder b) {
    super(b);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The ε of one selection for a ρ-zCDP budget: √(8ρ). */
  public static double epsilonForRho(double rho) {
    return Math.sqrt(8 * rho);
  }

  /** ε²/8 zCDP. */
  @Override
  public RdpCurve cost() {
    return RdpCurve.zcdp(Zcdp.exponentialMechanism(epsilon));
  }

  @Override
  String mechanism() {
    return "exponential";
  }

  @Override
  public int select(double[] utilities) {
    ExactWeights weights = ExactWeights.of(utilities, factor);
    int[] all = IntStream.range(0, weights.size()).toArray();
    return all[weights.samplePosition(all, all.length, random)];
  }

  /** Builds an {@link ExponentialMechanism}. */
  public static final class Builder extends SelectionBuilder<Builder, ExponentialMechanism> {
    private Builder() {}

    @Override
    ExponentialMechanism create() {
      return new ExponentialMechanism(this);
    }
  }
}
