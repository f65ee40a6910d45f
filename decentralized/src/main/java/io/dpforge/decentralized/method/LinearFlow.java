package io.dpforge.decentralized.method;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The propagator exp(M·Δt) of a fixed linear system ds/dt = M·s, for any Δt ≥ 0, from one real
 * eigendecomposition M = V·D·V⁻¹ computed at construction. D is block diagonal (1×1 real eigenvalues,
 * 2×2 blocks [[a, b], [c, a]] with b·c &lt; 0 for complex pairs a ± i√(−bc)), so exp(D·Δt) is closed form and each
 * propagator costs two small matrix products.
 *
 * <p>Construction checks the decomposition against Hipparchus's scaling-and-squaring Padé exponential
 * (Higham 2005) at several Δt, and refuses an M whose eigenvectors are too ill-conditioned.
 */
public final class LinearFlow {
  private static final double[] CHECK_TIMES = {1e-3, 1, 10, 100};
  private static final double CHECK_TOLERANCE = 1e-9;

  private final int k;
  private final double[][] v;
  private final double[][] vInv;
  private final double[][] d;

  public LinearFlow(double[][] m) {
    this.k = m.length;
    RealMatrix matrix = new Array2DRowRealMatrix(m);
    EigenDecompositionNonSymmetric eig = new EigenDecompositionNonSymmetric(matrix);
    this.v = eig.getV().getData();
    this.vInv = eig.getVInv().getData();
    this.d = eig.getD().getData();
    for (double t : CHECK_TIMES) {
      double[][] pade = MatrixUtils.matrixExponential(matrix.scalarMultiply(t)).getData();
      double[][] mine = propagator(t);
      double scale = 1;
      double err = 0;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          err = Math.max(err, Math.abs(pade[i][j] - mine[i][j]));
          scale = Math.max(scale, Math.abs(pade[i][j]));
        }
      }
      if (err > CHECK_TOLERANCE * scale) {
        throw new IllegalStateException("eigendecomposition of the flow matrix is too ill-conditioned: exp(M*" + t
            + ") differs from the Padé exponential by " + err);
      }
    }
  }

  public int size() {
    return k;
  }

  /** exp(M·dt). */
  public double[][] propagator(double dt) {
    double[][] e = new double[k][k];
    int i = 0;
    while (i < k) {
      if (i + 1 < k && d[i][i + 1] != 0) {
        // Block [[a, b], [c, a]] with b·c < 0: exp = e^{a·dt}·(cos(ω·dt)·I + sin(ω·dt)/ω·[[0, b], [c, 0]]).
        double a = d[i][i];
        double b = d[i][i + 1];
        double c = d[i + 1][i];
        double omega = Math.sqrt(-b * c);
        double scale = Math.exp(a * dt);
        double cos = Math.cos(omega * dt) * scale;
        double sin = Math.sin(omega * dt) * scale / omega;
        e[i][i] = cos;
        e[i][i + 1] = b * sin;
        e[i + 1][i] = c * sin;
        e[i + 1][i + 1] = cos;
        i += 2;
      } else {
        e[i][i] = Math.exp(d[i][i] * dt);
        i++;
      }
    }
    double[][] ve = new double[k][k];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int j = Math.max(0, c - 1); j <= Math.min(k - 1, c + 1); j++) {
          s += v[r][j] * e[j][c];
        }
        ve[r][c] = s;
      }
    }
    double[][] p = new double[k][k];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int j = 0; j < k; j++) {
          s += ve[r][j] * vInv[j][c];
        }
        p[r][c] = s;
      }
    }
    return p;
  }
}
