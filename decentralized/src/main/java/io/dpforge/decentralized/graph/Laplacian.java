package io.dpforge.decentralized.graph;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * The weighted graph Laplacian Λ = Σ_{(i,j)∈E} w_ij (e_i − e_j)(e_i − e_j)ᵀ. With w = the edge
 * activation rates it is the rate-weighted Laplacian of DADAO (Nabli &amp; Oyallon 2023, §3).
 */
public final class Laplacian {
  private Laplacian() {}

  /** Λ for per-edge weights indexed like {@link Graph#edges()}. */
  public static RealMatrix of(Graph g, double[] weights) {
    if (weights.length != g.edgeCount()) {
      throw new IllegalArgumentException("need one weight per edge (" + g.edgeCount() + "), got " + weights.length);
    }
    double[][] l = new double[g.nodes()][g.nodes()];
    for (int e = 0; e < g.edgeCount(); e++) {
      Edge edge = g.edge(e);
      double w = weights[e];
      l[edge.u()][edge.u()] += w;
      l[edge.v()][edge.v()] += w;
      l[edge.u()][edge.v()] -= w;
      l[edge.v()][edge.u()] -= w;
    }
    return new Array2DRowRealMatrix(l, false);
  }
}
