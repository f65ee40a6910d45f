package io.dpforge.decentralized.problem;

import io.dpforge.dp.data.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;

/**
 * Decentralized least squares as in the DADAO experiments (Nabli &amp; Oyallon 2023, §5; reference
 * code {@code data.py}): node i holds f_i(θ) = (1/m_i) Σ_r (⟨a_r, θ⟩ − b_r)², without a ridge term.
 * L and μ are the largest and smallest (2/m_i)·λ(A_iᵀA_i) over nodes; x* solves the normal equations
 * of Σ f_i.
 */
public final class LeastSquares {
  private LeastSquares() {}

  /** One node's least-squares objective. */
  static final class Objective implements LocalObjective {
    private final NodeData data;

    Objective(NodeData data) {
      this.data = data;
    }

    @Override
    public int dim() {
      return data.dim();
    }

    @Override
    public void gradient(double[] x, double[] out) {
      java.util.Arrays.fill(out, 0);
      double scale = 2.0 / data.rows();
      for (int r = 0; r < data.rows(); r++) {
        double[] row = data.a()[r];
        double residual = scale * (NodeData.dot(row, x) - data.b()[r]);
        for (int k = 0; k < out.length; k++) {
          out[k] += residual * row[k];
        }
      }
    }
  }

  /**
   * Least squares of the standardised target on the features, rows split across nodes.
   *
   * @throws InvalidInputException when a node's share is rank-deficient (μ would be 0)
   */
  public static Problem of(TabularData data, int[][] shares) {
    NodeData[] nodes = NodeData.split(data.features(), data.standardisedTarget(), shares);
    int d = data.dim();
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    double[][] h = new double[d][d];
    double[] rhs = new double[d];
    List<LocalObjective> locals = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      NodeData nd = nodes[i];
      double[] eig = nd.scaledGramEigenvalues();
      double muI = 2 * eig[d - 1];
      if (!(muI > 1e-12 * eig[0])) {
        throw new InvalidInputException("node " + i + "'s share (" + nd.rows() + " rows) is rank-deficient on the "
            + d + " features " + data.featureNames() + ": use fewer nodes or fewer features");
      }
      lo = Math.min(lo, muI);
      hi = Math.max(hi, 2 * eig[0]);
      double scale = 2.0 / nd.rows();
      double[][] g = nd.gram();
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          h[j][k] += scale * g[j][k];
        }
      }
      for (int r = 0; r < nd.rows(); r++) {
        for (int k = 0; k < d; k++) {
          rhs[k] += scale * nd.b()[r] * nd.a()[r][k];
        }
      }
      locals.add(new Objective(nd));
    }
    double[] opt = new CholeskyDecomposition(new Array2DRowRealMatrix(h, false)).getSolver()
        .solve(new ArrayRealVector(rhs, false)).toArray();
    String name = "least-squares(" + data.targetName() + " ~ " + String.join(" + ", data.featureNames()) + ")";
    return new Problem(name, locals, hi, lo, opt);
  }
}
