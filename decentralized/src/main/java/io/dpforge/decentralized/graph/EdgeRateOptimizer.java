package io.dpforge.decentralized.graph;

import java.util.Arrays;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealVector;

/**
 * Per-edge rates that lower the total communication rate DADAO needs on a given graph.
 *
 * <p>With λ_e = s·p_e (p on the simplex), the condition 2χ1[Λ]χ2[Λ] ≤ 1 holds iff
 * s ≥ √(2·χ1(L_p)·χ2(L_p)), so the total rate is minimised by minimising Φ(p) = χ1(L_p)·χ2(L_p) (the
 * research brief, §A6). The paper solves an SDP relaxation of this problem (Nabli &amp; Oyallon 2023,
 * §4); no SDP solver is available on the JVM here, so this class uses a documented surrogate: mirror
 * descent (exponentiated gradient) on log Φ = −log λ2(L_p) + log max_e R_e(p) + const, with
 *
 * <ul>
 *   <li>∂λ2/∂p_e = (v_u − v_v)², v the unit Fiedler vector (averaged over the eigenspace when λ2 is
 *       repeated, a subgradient);
 *   <li>∂R_f/∂p_e = −(a_fᵀ L_p⁺ a_e)², with the maximum smoothed by a log-sum-exp at temperature
 *       1% of the largest resistance;
 * </ul>
 *
 * and a backtracking step that accepts a move only when the exact Φ decreases. The result is a local
 * optimum of a non-convex problem, never worse than the start (uniform p). Uniform p is optimal on
 * edge-transitive graphs (cycle, complete), where this returns uniform rates up to round-off.
 */
public final class EdgeRateOptimizer {
  private static final double EIGEN_TIE = 1e-9;
  private static final double MIN_STEP = 1e-6;
  /** Stop once an accepted step improves Φ by less than this fraction. */
  private static final double MIN_RELATIVE_GAIN = 1e-6;

  private final int maxIterations;

  public EdgeRateOptimizer(int maxIterations) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("need at least one iteration, got " + maxIterations);
    }
    this.maxIterations = maxIterations;
  }

  /** The optimised rates (scaled so that 2χ1[Λ]χ2[Λ] = 1). */
  public EdgeRates optimise(Graph g) {
    int m = g.edgeCount();
    double[] p = new double[m];
    Arrays.fill(p, 1.0 / m);
    double phi = objective(g, p);
    double step = 1;
    for (int it = 0; it < maxIterations && step > MIN_STEP; it++) {
      double[] grad = logObjectiveGradient(g, p);
      boolean moved = false;
      while (step > MIN_STEP) {
        double[] q = exponentiatedStep(p, grad, step);
        double phiQ = objective(g, q);
        if (phiQ < phi * (1 - 1e-12)) {
          moved = phiQ < phi * (1 - MIN_RELATIVE_GAIN);
          p = q;
          phi = phiQ;
          step *= 1.5;
          break;
        }
        step /= 2;
      }
      if (!moved) {
        break;
      }
    }
    return EdgeRates.fromProbabilities(g, p);
  }

  /** Φ(p) = χ1(L_p)·χ2(L_p). */
  static double objective(Graph g, double[] p) {
    Spectrum s = Spectrum.of(g, p);
    return s.chi1() * s.chi2();
  }

  private static double[] exponentiatedStep(double[] p, double[] grad, double step) {
    double[] q = new double[p.length];
    double sum = 0;
    double shift = Arrays.stream(grad).min().orElse(0);
    for (int e = 0; e < p.length; e++) {
      q[e] = p[e] * Math.exp(-step * (grad[e] - shift));
      sum += q[e];
    }
    for (int e = 0; e < p.length; e++) {
      q[e] /= sum;
    }
    return q;
  }

  private static double[] logObjectiveGradient(Graph g, double[] p) {
    int n = g.nodes();
    int m = g.edgeCount();
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(Laplacian.of(g, p));
    double[] values = eig.getEigenvalues(); // descending; values[n-1] ≈ 0
    double lambda2 = values[n - 2];
    double[] grad = new double[m];
    // −∂ log λ2 / ∂p_e, averaged over the eigenvectors of a repeated λ2.
    int ties = 0;
    for (int k = n - 2; k >= 0 && values[k] <= lambda2 * (1 + EIGEN_TIE); k--) {
      RealVector v = eig.getEigenvector(k);
      for (int e = 0; e < m; e++) {
        double diff = v.getEntry(g.edge(e).u()) - v.getEntry(g.edge(e).v());
        grad[e] -= diff * diff / lambda2;
      }
      ties++;
    }
    for (int e = 0; e < m; e++) {
      grad[e] /= ties;
    }
    // ∂ log smax_f R_f / ∂p_e with R_f = a_fᵀ L⁺ a_f and ∂R_f/∂p_e = −(a_fᵀ L⁺ a_e)².
    double[][] pinv = new double[n][n];
    for (int k = 0; k < n - 1; k++) {
      RealVector v = eig.getEigenvector(k);
      double inv = 1 / values[k];
      for (int i = 0; i < n; i++) {
        double vi = v.getEntry(i) * inv;
        for (int j = 0; j < n; j++) {
          pinv[i][j] += vi * v.getEntry(j);
        }
      }
    }
    double[] r = new double[m];
    double rMax = 0;
    for (int f = 0; f < m; f++) {
      r[f] = cross(pinv, g.edge(f), g.edge(f));
      rMax = Math.max(rMax, r[f]);
    }
    double temperature = 0.01 * rMax;
    double[] w = new double[m];
    double wSum = 0;
    for (int f = 0; f < m; f++) {
      w[f] = Math.exp((r[f] - rMax) / temperature);
      wSum += w[f];
    }
    double smax = rMax + temperature * Math.log(wSum);
    for (int f = 0; f < m; f++) {
      double weight = w[f] / wSum;
      if (weight < 1e-12) {
        continue;
      }
      for (int e = 0; e < m; e++) {
        double c = cross(pinv, g.edge(f), g.edge(e));
        grad[e] -= weight * c * c / smax;
      }
    }
    return grad;
  }

  /** a_fᵀ L⁺ a_e. */
  private static double cross(double[][] pinv, Edge f, Edge e) {
    return pinv[f.u()][e.u()] - pinv[f.u()][e.v()] - pinv[f.v()][e.u()] + pinv[f.v()][e.v()];
  }
}
