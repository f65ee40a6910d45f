package io.dpforge.client.data;

import java.util.SplittableRandom;

/**
 * Synthetic binary classification data from a logistic model: features uniform on the unit sphere of
 * R^d (so ‖x‖ = 1 and the logistic loss is 1-Lipschitz and ¼-smooth in the weights, the normalisation of
 * the Private SpiderBoost benchmark) and labels y ~ Bernoulli(σ(⟨w*, x⟩)) for a hidden w* of norm
 * {@code signal} drawn from the seed. Train and test sets drawn from one generator share w*.
 */
public final class SyntheticLogistic {
  private final int dimension;
  private final double[] truth;

  /**
   * @param dimension d ≥ 1
   * @param signal ‖w*‖: larger means less label noise (with ‖w*‖ = √d, ⟨w*, x⟩ has variance about 1)
   * @param seed fixes w*
   */
  public SyntheticLogistic(int dimension, double signal, long seed) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
    }
    this.dimension = dimension;
    this.truth = unitGaussianDirection(new SplittableRandom(seed), dimension);
    for (int j = 0; j < dimension; j++) {
      truth[j] *= signal;
    }
  }

  /** n fresh examples; a pure function of {@code seed}. */
  public Dataset sample(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] features = new double[n * dimension];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      double[] x = unitGaussianDirection(rng, dimension);
      System.arraycopy(x, 0, features, i * dimension, dimension);
      double margin = 0;
      for (int j = 0; j < dimension; j++) {
        margin += truth[j] * x[j];
      }
      labels[i] = rng.nextDouble() < 1.0 / (1.0 + Math.exp(-margin)) ? 1 : 0;
    }
    return Dataset.of(features, labels, dimension, 2);
  }

  private static double[] unitGaussianDirection(SplittableRandom rng, int d) {
    double[] v = new double[d];
    double norm2 = 0;
    while (norm2 == 0) {
      for (int j = 0; j < d; j++) {
        v[j] = rng.nextGaussian();
        norm2 += v[j] * v[j];
      }
    }
    double inv = 1.0 / Math.sqrt(norm2);
    for (int j = 0; j < d; j++) {
      v[j] *= inv;
    }
    return v;
  }
}
