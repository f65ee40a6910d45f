package io.dpforge.decentralized.graph;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Spectral quantities of a weighted Laplacian Λ of a connected graph (Nabli &amp; Oyallon 2023, §3;
 * reference code {@code utils.compute_spectral_quantities} and {@code utils.compute_graph_resistance}):
 *
 * <ul>
 *   <li>χ1[Λ] = 1 / λ_min⁺(Λ), the inverse of the smallest positive eigenvalue (the algebraic
 *       connectivity);
 *   <li>χ2[Λ] = ½ · max_{(i,j)∈E} (e_i − e_j)ᵀ Λ⁺ (e_i − e_j), half the largest effective
 *       resistance over the edges.
 * </ul>
 *
 * Both scale as 1/s when Λ is multiplied by s, and χ2 ≤ χ1.
 *
 * @param lambda2 smallest positive eigenvalue of Λ
 * @param lambdaMax largest eigenvalue of Λ
 * @param chi1 1 / lambda2
 * @param chi2 half the largest effective resistance over the edges
 * @param resistances effective resistance (e_i − e_j)ᵀ Λ⁺ (e_i − e_j) of each edge, indexed like the edges
 */
public record Spectrum(double lambda2, double lambdaMax, double chi1, double chi2, double[] resistances) {

  /** The spectrum of Λ = Σ w_e a_e a_eᵀ over the graph's edges. */
  public static Spectrum of(Graph g, double[] weights) {
    RealMatrix lap = Laplacian.of(g, weights);
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(lap);
    double[] values = eig.getEigenvalues(); // descending
    int n = g.nodes();
    // The graph is connected, so exactly one eigenvalue is zero (the all-ones direction): the last.
    double lambda2 = values[n - 2];
    double lambdaMax = values[0];
    double[][] pinv = new double[n][n];
    for (int k = 0; k < n - 1; k++) {
      RealVector v = eig.getEigenvector(k);
      double inv = 1.0 / values[k];
      for (int i = 0; i < n; i++) {
        double vi = v.getEntry(i) * inv;
        for (int j = 0; j < n; j++) {
          pinv[i][j] += vi * v.getEntry(j);
        }
      }
    }
    double[] r = new double[g.edgeCount()];
    double maxR = 0;
    for (int e = 0; e < r.length; e++) {
      Edge edge = g.edge(e);
      int u = edge.u();
      int v = edge.v();
      r[e] = pinv[u][u] + pinv[v][v] - 2 * pinv[u][v];
      maxR = Math.max(maxR, r[e]);
    }
    return new Spectrum(lambda2, lambdaMax, 1.0 / lambda2, 0.5 * maxR, r);
  }

  /** The spectrum of the unweighted Laplacian L_G. */
  public static Spectrum unweighted(Graph g) {
    double[] ones = new double[g.edgeCount()];
    java.util.Arrays.fill(ones, 1.0);
    return of(g, ones);
  }

  /** Condition number λ_max / λ_min⁺. */
  public double conditionNumber() {
    return lambdaMax / lambda2;
  }
}
