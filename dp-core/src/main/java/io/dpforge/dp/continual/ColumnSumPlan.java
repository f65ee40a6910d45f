package io.dpforge.dp.continual;

/**
 * Error bounds of both algorithms for (d, T, ρ, β) and the better one, from the analytic bounds: with
 * probability at least 1 − β the error is below the bound at every step simultaneously.
 *
 * <p>Per-column counters (Jain et al. 2023, upper bound U1; brief §a.5): one changed x_t moves up to d
 * columns by 1, so the d counters get ρ/d each; every estimate is Gaussian with variance at most
 * d·V_max/(2ρ), so by a union bound over dT estimates the MaxSum error is at most
 * √(d·V_max/(2ρ))·√(2 ln(2dT/β)), and SumSelect's at most twice that.
 *
 * <p>Lazy refresh (U2, sparse vector technique; Dwork and Roth 2014 §3.6 for AboveThreshold): the max
 * grows by at most 1 per step, so the released value is refreshed only when a noisy test says the max
 * has moved by about k. Noise: threshold Lap(2/e₀), query Lap(4/e₀), value Lap(2/e₀) and, for
 * SumSelect, report-noisy-max Lap(2/e₀) per column. A refresh costs AboveThreshold (e₀-DP) plus the value
 * (e₀/2) plus the selection (e₀), composed in zCDP (ε-DP ⇒ ε²/2-zCDP, Bun and Steinke 2016): per
 * refresh 5e₀²/8 (MaxSum) or 9e₀²/8 (SumSelect), so c refreshes fit ρ with e₀ = √(8ρ/(5c)) or
 * √(8ρ/(9c)). With ℓ = ln(6(d+1)T/β)/e₀, a union bound over the at most 3(d+1)T draws keeps each
 * draw within ln(6(d+1)T/β) times its scale: |threshold|, |value|, |selection| ≤ 2ℓ and |query| ≤ 4ℓ
 * (discrete Laplace tails are at most twice the continuous ones). A refresh then needs the max to grow
 * by k − 8ℓ, so c refreshes suffice when
 * k = T/(c − 1) + 8ℓ, and the error is at most k + 6ℓ (MaxSum) or k + 12ℓ (SumSelect). The plan
 * minimises that over c; the result is O((T/ρ)^{1/3}·log^{2/3}(dT/β)), the T^{1/3} of the paper.
 *
 * @param chosen the algorithm with the smaller bound
 * @param perColumnBound the U1 bound
 * @param lazyRefreshBound the U2 bound
 * @param refreshes c, the refresh budget of U2
 * @param refreshGap k, the gap the noisy max must clear to refresh
 * @param refreshEpsilon e₀
 */
public record ColumnSumPlan(ColumnSumAlgorithm chosen, double perColumnBound, double lazyRefreshBound,
    long refreshes, double refreshGap, double refreshEpsilon) {

  /** Plans for d columns, horizon T, total ρ and failure probability β, with {@code counter} as U1's counter. */
  public static ColumnSumPlan of(ColumnSumProblem problem, int columns, CounterMechanism counter, double rho,
      double beta) {
    long horizon = counter.horizon();
    double perColumn = Math.sqrt(columns * counter.varianceSummary().max() / (2 * rho))
        * Math.sqrt(2 * Math.log(2.0 * columns * horizon / beta)) * (problem == ColumnSumProblem.SUM_SELECT ? 2 : 1);
    double logTerm = Math.log(6.0 * (columns + 1) * horizon / beta);
    double costPerRefresh = problem == ColumnSumProblem.MAX_SUM ? 5.0 / 8 : 9.0 / 8;
    double slack = problem == ColumnSumProblem.MAX_SUM ? 6 : 12;
    long bestC = 2;
    double bestBound = Double.POSITIVE_INFINITY;
    for (long c = 2; c <= Math.max(2, horizon + 1); c = Math.max(c + 1, (long) (c * 1.01))) {
      double e0 = Math.sqrt(rho / (costPerRefresh * c));
      double ell = logTerm / e0;
      double bound = (double) horizon / (c - 1) + (8 + slack) * ell;
      if (bound < bestBound) {
        bestBound = bound;
        bestC = c;
      }
    }
    double e0 = Math.sqrt(rho / (costPerRefresh * bestC));
    double gap = (double) horizon / (bestC - 1) + 8 * logTerm / e0;
    ColumnSumAlgorithm chosen = perColumn <= bestBound ? ColumnSumAlgorithm.PER_COLUMN_COUNTERS
        : ColumnSumAlgorithm.LAZY_REFRESH;
    return new ColumnSumPlan(chosen, perColumn, bestBound, bestC, gap, e0);
  }

  /** The bound of the chosen algorithm. */
  public double chosenBound() {
    return chosen == ColumnSumAlgorithm.PER_COLUMN_COUNTERS ? perColumnBound : lazyRefreshBound;
  }
}
