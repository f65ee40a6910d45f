package io.dpforge.decentralized.problem;

import java.util.List;

/**
 * A decentralized problem: minimise F(x) = Σ_i f_i(x), node i holding f_i (Nabli &amp; Oyallon 2023,
 * §2). Every f_i is L-smooth and μ-strongly convex with the global constants {@code smoothness} and
 * {@code strongConvexity} (the reference code takes L = max_i L_i and μ = min_i μ_i).
 *
 * @param name short description, e.g. {@code quadratic(d=5, A~U[1,10])}
 * @param locals one objective per node
 * @param smoothness L
 * @param strongConvexity μ
 * @param optimum x* = argmin F, computed exactly (closed form or Newton's method)
 */
public record Problem(String name, List<LocalObjective> locals, double smoothness, double strongConvexity,
    double[] optimum) {

  public Problem {
    locals = List.copyOf(locals);
    if (!(strongConvexity > 0) || !(smoothness >= strongConvexity)) {
      throw new IllegalArgumentException("need 0 < μ <= L, got μ = " + strongConvexity + ", L = " + smoothness);
    }
    for (LocalObjective f : locals) {
      if (f.dim() != optimum.length) {
        throw new IllegalArgumentException("objective of dimension " + f.dim() + " in a problem of dimension " + optimum.length);
      }
    }
  }

  public int nodes() {
    return locals.size();
  }

  public int dim() {
    return optimum.length;
  }

  public LocalObjective local(int node) {
    return locals.get(node);
  }

  /** κ = L/μ. */
  public double conditionNumber() {
    return smoothness / strongConvexity;
  }

  /** ‖x − x*‖². */
  public double squaredDistance(double[] x) {
    double s = 0;
    for (int k = 0; k < optimum.length; k++) {
      double diff = x[k] - optimum[k];
      s += diff * diff;
    }
    return s;
  }
}
