package io.dpforge.decentralized.problem;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;

/**
 * Decentralized ℓ2-regularised logistic regression (Nabli &amp; Oyallon 2023, §5; reference code
 * {@code data.py}): node i holds f_i(θ) = (1/m_i) Σ_r log(1 + exp(−y_r⟨a_r, θ⟩)) + (ρ/2)‖θ‖² with
 * labels y ∈ {−1, +1}. Then μ = ρ and L_i = λ_max(A_iᵀA_i)/(4 m_i) + ρ (the logistic loss has
 * curvature at most ¼). x* comes from Newton's method with backtracking on Σ f_i.
 */
public final class Logistic {
  private static final int MAX_NEWTON_STEPS = 100;

  private Logistic() {}

  /** One node's logistic objective. */
  static final class Objective implements LocalObjective {
    private final NodeData data;
    private final double l2;

    Objective(NodeData data, double l2) {
      this.data = data;
      this.l2 = l2;
    }

    @Override
    public int dim() {
      return data.dim();
    }

    @Override
    public void gradient(double[] x, double[] out) {
      for (int k = 0; k < out.length; k++) {
        out[k] = l2 * x[k];
      }
      double inv = 1.0 / data.rows();
      for (int r = 0; r < data.rows(); r++) {
        double[] row = data.a()[r];
        double y = data.b()[r];
        double c = -y * sigmoid(-y * NodeData.dot(row, x)) * inv;
        for (int k = 0; k < out.length; k++) {
          out[k] += c * row[k];
        }
      }
    }

    double value(double[] x) {
      double s = 0;
      for (int r = 0; r < data.rows(); r++) {
        s += softplus(-data.b()[r] * NodeData.dot(data.a()[r], x));
      }
      return s / data.rows() + 0.5 * l2 * NodeData.dot(x, x);
    }

    /** Adds this objective's Hessian at x to h. */
    void addHessian(double[] x, double[][] h) {
      int d = dim();
      double inv = 1.0 / data.rows();
      for (int r = 0; r < data.rows(); r++) {
        double[] row = data.a()[r];
        double p = sigmoid(NodeData.dot(row, x));
        double w = p * (1 - p) * inv;
        for (int j = 0; j < d; j++) {
          for (int k = 0; k < d; k++) {
            h[j][k] += w * row[j] * row[k];
          }
        }
      }
      for (int j = 0; j < d; j++) {
        h[j][j] += l2;
      }
    }
  }

  /**
   * Logistic regression of a two-valued target on the features, rows split across nodes.
   *
   * @param l2 ρ > 0, the ridge weight (= μ)
   */
  public static Problem of(TabularData data, int[][] shares, double l2) {
    if (!(l2 > 0)) {
      throw new IllegalArgumentException("the l2 weight must be > 0 (it is the strong convexity μ), got " + l2);
    }
    NodeData[] nodes = NodeData.split(data.features(), data.signedLabels(), shares);
    int d = data.dim();
    List<Objective> locals = new ArrayList<>();
    double hi = 0;
    for (NodeData nd : nodes) {
      hi = Math.max(hi, nd.scaledGramEigenvalues()[0] / 4 + l2);
      locals.add(new Objective(nd, l2));
    }
    double[] opt = newton(locals, d);
    String name = "logistic(" + data.targetName() + "=" + data.targetLevels().get(1) + " ~ "
        + String.join(" + ", data.featureNames()) + ", l2=" + l2 + ")";
    return new Problem(name, new ArrayList<>(locals), hi, l2, opt);
  }

  private static double[] newton(List<Objective> locals, int d) {
    double[] x = new double[d];
    double[] g = new double[d];
    double[] gi = new double[d];
    for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
      java.util.Arrays.fill(g, 0);
      double[][] h = new double[d][d];
      for (Objective f : locals) {
        f.gradient(x, gi);
        for (int k = 0; k < d; k++) {
          g[k] += gi[k];
        }
        f.addHessian(x, h);
      }
      double[] dir = new CholeskyDecomposition(new Array2DRowRealMatrix(h, false)).getSolver()
          .solve(new ArrayRealVector(g, false)).toArray();
      // The Newton decrement gᵀH⁻¹g ≈ 2(F(x) − F*): below round-off of F, x is x* to machine precision.
      double decrement = NodeData.dot(g, dir);
      double f0 = total(locals, x);
      if (decrement <= 1e-15 * (1 + Math.abs(f0))) {
        return x;
      }
      double t = 1;
      double[] next = new double[d];
      while (true) {
        for (int k = 0; k < d; k++) {
          next[k] = x[k] - t * dir[k];
        }
        if (total(locals, next) <= f0 - 0.25 * t * decrement) {
          break;
        }
        t /= 2;
        if (t < 1e-6) {
          return x; // no further decrease is representable
        }
      }
      x = next.clone();
    }
    throw new IllegalStateException("Newton's method did not converge in " + MAX_NEWTON_STEPS + " steps");
  }

  private static double total(List<Objective> locals, double[] x) {
    double s = 0;
    for (Objective f : locals) {
      s += f.value(x);
    }
    return s;
  }

  static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }

  static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }
}
