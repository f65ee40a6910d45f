package io.dpforge.dp.continual;

/** The two upper-bound algorithms for {@link ColumnSumProblem} (Jain et al. 2023; research brief §a.5). */
public enum ColumnSumAlgorithm {
  /** One continual counter per column, then max / argmax: error Õ(√d·log T/√ρ). */
  PER_COLUMN_COUNTERS,
  /** Sparse-vector lazy refresh of the max: error Õ(T^{1/3}/ρ^{1/3}), independent of d. */
  LAZY_REFRESH
}
