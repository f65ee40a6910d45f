package io.dpforge.dp.continual;

/**
 * The two selection problems of Jain, Raskhodnikova, Sivakumar and Smith, "The Price of Differential
 * Privacy under Continual Observation" (ICML 2023), on a stream of vectors x_t ∈ {0,1}^d with column
 * sums S_j(t) = Σ_{i≤t} x_i[j] and M(t) = max_j S_j(t).
 */
public enum ColumnSumProblem {
  /** Release m̂_t ≈ M(t); error |m̂_t − M(t)|. */
  MAX_SUM,
  /** Release a column ĵ_t; error M(t) − S_{ĵ_t}(t) ≥ 0. */
  SUM_SELECT
}
