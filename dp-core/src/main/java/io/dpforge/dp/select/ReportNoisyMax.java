package io.dpforge.dp.select;

import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.accounting.Zcdp;
import io.dpforge.dp.noise.DiscreteLaplace;
import io.dpforge.dp.noise.Rational;
import io.dpforge.dp.noise.Snapping;

/**
 * Report-noisy-max with Laplace noise (Dwork and Roth 2014, §3.3, Claim 3.9): add Laplace(2Δ/ε) noise
 * (Laplace(Δ/ε) for monotone utilities) to every utility and report the index of the largest. ε-DP;
 * charged as ε²/2-zCDP. Only the index is released.
 *
 * <p>Exact: utilities are snapped to multiples of a power of two g ≥ scale·2⁻²⁴ and integer discrete
 * Laplace noise is added ({@link DiscreteLaplace}); the noise scale is calibrated to the snapped
 * sensitivity Δ + g, and ties between noisy integers are broken uniformly at random.
 */
public final class ReportNoisyMax extends SingleSelection {
  private static final int GRANULARITY_BITS = 24;
  private static final double MAX_MULTIPLE = 0x1p61;

  private final double granularity;
  private final DiscreteLaplace noise;

  private ReportNoisyMax(Builder b) {
    super(b);
    double scale = 1 / b.exponentFactor(); // 2Δ/ε, or Δ/ε when monotone
    this.granularity = Snapping.powerOfTwoAtLeast(Math.scalb(scale, -GRANULARITY_BITS));
    // Snapped utilities have sensitivity Δ + g; the integer scale is (Δ + g)/Δ · scale / g, rounded up.
    Rational g = Rational.of(granularity);
    Rational integerScale = Rational.of(b.sensitivity).add(g).multiply(Rational.of(scale))
        .divide(Rational.of(b.sensitivity).multiply(g));
    this.noise = DiscreteLaplace.withIntegerScale(integerScale.floor().longValueExact() + 1);
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
    return "report-noisy-max";
  }

  /**
   * The index of the noisy maximum. The caller must have charged {@link #charge} to a ledger.
   *
   * @throws IllegalArgumentException if a utility exceeds 2⁶¹ granularities (about 2³⁷ noise scales)
   */
  @Override
  public int select(double[] utilities) {
    if (utilities.length == 0) {
      throw new IllegalArgumentException("selection needs at least one candidate");
    }
    int best = -1;
    long bestScore = Long.MIN_VALUE;
    int ties = 0;
    for (int i = 0; i < utilities.length; i++) {
      double multiple = Math.rint(utilities[i] / granularity);
      if (!(Math.abs(multiple) < MAX_MULTIPLE)) {
        throw new IllegalArgumentException("utility " + i + " = " + utilities[i] + " is too large for report-noisy-max"
            + " at ε=" + epsilon + "; rescale the utilities and their sensitivity");
      }
      long score = (long) multiple + noise.sample(random);
      if (score > bestScore) {
        best = i;
        bestScore = score;
        ties = 1;
      } else if (score == bestScore && random.nextInt(++ties) == 0) { // reservoir: uniform among ties
        best = i;
      }
    }
    return best;
  }

  /** Builds a {@link ReportNoisyMax}. */
  public static final class Builder extends SelectionBuilder<Builder, ReportNoisyMax> {
    private Builder() {}

    @Override
    ReportNoisyMax create() {
      return new ReportNoisyMax(this);
    }
  }
}
