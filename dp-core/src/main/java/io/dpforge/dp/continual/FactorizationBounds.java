package io.dpforge.dp.continual;

/**
 * The two yardsticks for a counter's variance at horizon T (research brief §b.5, goal-setting
 * guidance): the square root's V_max, optimal for max error among factorizations (Dvijotham et al.
 * 2024), and a lower bound on V_mean for every factorization.
 *
 * <p>Mean lower bound: for A = B·C, V_mean = (1/T)·‖B‖_F²·max_j‖C e_j‖² ≥ (1/T²)·‖B‖_F²·‖C‖_F² ≥
 * (‖A‖_{S1}/T)², since ‖BC‖_{S1} ≤ ‖B‖_F·‖C‖_F; the singular values of the counting matrix are
 * 1/(2 sin((2j − 1)π/(4T + 2))), j = 1..T. At T = 2^20 the bound is 26.16 and V_max of the square
 * root is 30.02.
 */
public final class FactorizationBounds {
  private FactorizationBounds() {}

  /** V_max of the square-root factorization, F(T)². */
  public static double optimalMaxVariance(long horizon) {
    double f = SquareRootMechanism.cumulativeSquares(horizon);
    return f * f;
  }

  /** (‖A‖_{S1}/T)², a lower bound on V_mean of every factorization of the T×T counting matrix. */
  public static double meanVarianceLowerBound(long horizon) {
    Horizon.check(horizon);
    double nuclear = 0;
    double denominator = 4.0 * horizon + 2;
    for (long j = 1; j <= horizon; j++) {
      nuclear += 1 / (2 * Math.sin((2.0 * j - 1) * Math.PI / denominator));
    }
    double perStep = nuclear / horizon;
    return perStep * perStep;
  }
}
