package io.dpforge.dp.select;

import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.accounting.Zcdp;
import java.util.stream.IntStream;

/**
 * Permute-and-flip (McKenna and Sheldon, NeurIPS 2020): visit the candidates in a uniformly random order
 * and stop at candidate i with probability exp(ε(u_i - u_max)/(2Δ)) (ε/Δ for monotone utilities). ε-DP
 * (their Theorem 1), never worse in expected utility than the exponential mechanism, and the same as
 * report-noisy-max with exponential noise (Ding et al. 2021). Charged as ε²/2-zCDP (Bun and Steinke
 * 2016, Proposition 1.4).
 *
 * <p>The best candidate stops with probability 1, so one pass suffices; every coin is exact.
 */
public final class PermuteAndFlip extends SingleSelection {

  private PermuteAndFlip(Builder b) {
    super(b);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** ε²/2 zCDP. */
  @Override
  public RdpCurve cost() {
    return RdpCurve.zcdp(Zcdp.fromPureDp(epsilon));
  }

  @Override
  String mechanism() {
    return "permute-and-flip";
  }

  @Override
  public int select(double[] utilities) {
    ExactWeights weights = ExactWeights.of(utilities, factor);
    int[] order = IntStream.range(0, utilities.length).toArray();
    for (int remaining = order.length; remaining > 0; remaining--) { // lazy Fisher-Yates
      int p = random.nextInt(remaining);
      int candidate = order[p];
      order[p] = order[remaining - 1];
      if (weights.accept(candidate, random)) {
        return candidate;
      }
    }
    throw new AssertionError("the best candidate accepts with probability 1");
  }

  /** Builds a {@link PermuteAndFlip}. */
  public static final class Builder extends SelectionBuilder<Builder, PermuteAndFlip> {
    private Builder() {}

    @Override
    PermuteAndFlip create() {
      return new PermuteAndFlip(this);
    }
  }
}
