package io.dpforge.decentralized.problem;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * One node's share of a table: design rows {@code a} (m × d) and targets {@code b}.
 */
record NodeData(double[][] a, double[] b) {

  static NodeData[] split(double[][] features, double[] target, int[][] shares) {
    NodeData[] out = new NodeData[shares.length];
    for (int i = 0; i < shares.length; i++) {
      double[][] a = new double[shares[i].length][];
      double[] b = new double[shares[i].length];
      for (int r = 0; r < a.length; r++) {
        a[r] = features[shares[i][r]];
        b[r] = target[shares[i][r]];
      }
      out[i] = new NodeData(a, b);
    }
    return out;
  }

  int rows() {
    return b.length;
  }

  int dim() {
    return a[0].length;
  }

  /** AᵀA. */
  double[][] gram() {
    int d = dim();
    double[][] g = new double[d][d];
    for (double[] row : a) {
      for (int j = 0; j < d; j++) {
        double rj = row[j];
        for (int k = j; k < d; k++) {
          g[j][k] += rj * row[k];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < j; k++) {
        g[j][k] = g[k][j];
      }
    }
    return g;
  }

  /** Eigenvalues of AᵀA/m, descending. */
  double[] scaledGramEigenvalues() {
    double[][] g = gram();
    for (double[] row : g) {
      for (int k = 0; k < row.length; k++) {
        row[k] /= rows();
      }
    }
    return new EigenDecompositionSymmetric(new Array2DRowRealMatrix(g, false)).getEigenvalues();
  }

  static double dot(double[] u, double[] v) {
    double s = 0;
    for (int k = 0; k < u.length; k++) {
      s += u[k] * v[k];
    }
    return s;
  }
}
