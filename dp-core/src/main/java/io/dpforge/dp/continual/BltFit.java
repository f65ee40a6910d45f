package io.dpforge.dp.continual;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits BLT parameters for a horizon by minimising V_max with the closed forms of {@link BltAnalysis}, as
 * jax_privacy's {@code buffered_toeplitz.optimize} does (in float64): Nelder–Mead over
 * (log(1 − θ_j), log ω_j), restarted with shrinking simplices.
 *
 * <p>Start: decays 1 − θ_j spread geometrically from 1.5/T to 0.3, equal scales. At T = 2^20 the fits
 * reproduce the research brief's table (§b.7): V_max 144.7, 44.5, 33.48, 30.96, 30.27 for 1 to 5
 * buffers. The optimiser uses only arithmetic, comparisons and StrictMath, so a fit is the same on
 * every JVM; callers that must resume streams still persist the parameters they used.
 */
public final class BltFit {
  private static final int RESTARTS = 8;
  private static final Map<String, BltParameters> CACHE = new ConcurrentHashMap<>();

  private BltFit() {}

  /** The V_max-minimising BLT with {@code buffers} buffers for horizon T (cached per (m, T)). */
  public static BltParameters minimizeMaxVariance(int buffers, long horizon) {
    if (buffers < 1 || buffers > 8) {
      throw new IllegalArgumentException("BLT buffers must be in [1, 8], got " + buffers);
    }
    Horizon.check(horizon);
    return CACHE.computeIfAbsent(buffers + "/" + horizon, k -> fit(buffers, horizon));
  }

  private static BltParameters fit(int m, long horizon) {
    double[] x = new double[2 * m];
    double lo = StrictMath.log(1.5 / Math.max(horizon, 2));
    double hi = StrictMath.log(0.3);
    for (int j = 0; j < m; j++) {
      x[j] = m == 1 ? lo + 1 : hi + (lo - hi) * j / (m - 1);
      x[m + j] = StrictMath.log(0.5 / m);
    }
    ObjectiveFunction objective = new ObjectiveFunction(point -> maxVariance(point, horizon));
    double best = maxVariance(x, horizon);
    for (int restart = 0; restart < RESTARTS; restart++) {
      SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-13, 1e-15));
      PointValuePair result = optimizer.optimize(new MaxEval(200_000), objective, GoalType.MINIMIZE,
          new InitialGuess(x), new NelderMeadSimplex(2 * m, 0.5 / (restart + 1)));
      if (result.getValue() <= best) {
        best = result.getValue();
        x = result.getPoint();
      }
    }
    return parameters(x);
  }

  private static double maxVariance(double[] point, long horizon) {
    BltParameters p;
    try {
      p = parameters(point);
    } catch (IllegalArgumentException outsideDomain) {
      return Double.MAX_VALUE;
    }
    double v = new BltAnalysis(p, horizon).summary().max();
    return Double.isFinite(v) && v > 0 ? v : Double.MAX_VALUE;
  }

  private static BltParameters parameters(double[] point) {
    int m = point.length / 2;
    double[] decays = new double[m];
    double[] scales = new double[m];
    for (int j = 0; j < m; j++) {
      decays[j] = 1 - StrictMath.exp(point[j]);
      scales[j] = StrictMath.exp(point[m + j]);
    }
    return new BltParameters(decays, scales);
  }
}
