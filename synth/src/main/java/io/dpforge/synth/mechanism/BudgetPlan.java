package io.dpforge.synth.mechanism;

import io.dpforge.synth.Mode;
import io.dpforge.synth.Neighbours;

/**
 * How a run splits its ρ (all shares add up to ρ exactly, up to floating-point rounding).
 *
 * <ul>
 *   <li>Under add/remove neighbours, {@link #ROW_COUNT_SHARE} of ρ buys a noisy row count (L2
 *       sensitivity 1); under replace-one the count is public and costs nothing.
 *   <li>One-shot: the rest is split evenly over the S query sets (Private-GSD HEAD,
 *       {@code GSDSynthesizer.fit}).
 *   <li>Adaptive: the rest is split evenly over T rounds; each round spends half on selecting K sets
 *       (K exponential mechanisms, ε_pick = √(8·ρ_sel/K)) and half on measuring them (ρ_meas/K each),
 *       as in the ICML code's {@code fit_zcdp_adaptive}.
 * </ul>
 *
 * @param rowCountRho ρ of the row-count release (0 under replace-one)
 * @param measureRho ρ of each query-set measurement
 * @param selectEpsilon ε of each pick of the selection (adaptive; NaN in one-shot mode)
 * @param rounds T (1 in one-shot mode)
 * @param picks K sets measured per round (S in one-shot mode)
 */
public record BudgetPlan(double rowCountRho, double measureRho, double selectEpsilon, int rounds, int picks) {

  /** Share of ρ spent on the row count under add/remove neighbours. */
  public static final double ROW_COUNT_SHARE = 0.01;

  /**
   * @param sets number of query sets in the workload
   * @param rounds T asked for (adaptive); clamped so that T·K ≤ S
   * @param picks K asked for (adaptive); 0 picks K = max(1, S / (2T))
   */
  public static BudgetPlan of(Mode mode, Neighbours neighbours, double rho, int sets, int rounds, int picks) {
    double countRho = neighbours.publicRowCount() || Double.isInfinite(rho) ? 0 : ROW_COUNT_SHARE * rho;
    double rest = rho - countRho;
    if (mode == Mode.ONE_SHOT) {
      return new BudgetPlan(countRho, rest / sets, Double.NaN, 1, sets);
    }
    int k = picks > 0 ? Math.min(picks, sets) : Math.max(1, sets / (2 * Math.max(1, rounds)));
    int t = Math.max(1, Math.min(rounds, sets / k));
    double perRound = rest / t;
    double selectRho = perRound / 2;
    double measureRho = (perRound - selectRho) / k;
    return new BudgetPlan(countRho, measureRho, Math.sqrt(8 * selectRho / k), t, k);
  }

  /** σ of a measurement of one query set: Δ/√(2ρ) (Bun and Steinke 2016, Prop. 1.6). */
  public double measureSigma(Neighbours neighbours) {
    return neighbours.countSensitivity() / Math.sqrt(2 * measureRho);
  }

  /** σ of the row-count release (sensitivity 1). */
  public double rowCountSigma() {
    return 1 / Math.sqrt(2 * rowCountRho);
  }
}
