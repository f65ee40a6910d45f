package io.dpforge.client.model;

/**
 * R(w) = λ·Σ_j w_j²/(1 + w_j²), the bounded penalty that turns logistic regression into the usual
 * smooth non-convex test problem of variance-reduced methods (the benchmark for Private SpiderBoost,
 * Arora et al. 2023, arXiv 2206.00846). Each term is bounded by λ and 2λ-smooth, so the objective stays
 * smooth while losing convexity.
 *
 * @param lambda weight λ ≥ 0
 */
public record NonConvexRegularizer(double lambda) implements Regularizer {

  public NonConvexRegularizer {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
    }
  }

  @Override
  public double value(double[] w) {
    double s = 0;
    for (double x : w) {
      double x2 = x * x;
      s += x2 / (1 + x2);
    }
    return lambda * s;
  }

  /** d/dw [w²/(1+w²)] = 2w/(1+w²)². */
  @Override
  public void addGradient(double[] w, double[] gradient) {
    for (int j = 0; j < w.length; j++) {
      double d = 1 + w[j] * w[j];
      gradient[j] += 2 * lambda * w[j] / (d * d);
    }
  }
}
