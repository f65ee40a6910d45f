package io.dpforge.client.model;

import io.dpforge.client.data.Dataset;
import java.util.SplittableRandom;

/**
 * A differentiable classifier with a flat parameter vector of fixed {@link #dimension()}.
 *
 * <p>The training objective is F(w; S) = (1/|S|)·Σ f(w; x) + R(w): a mean data loss plus a
 * data-independent {@link #regularizer()}. Only the data term touches private examples, so only it has
 * per-example gradients; private optimizers clip and noise those and add ∇R exactly (post-processing,
 * no privacy cost). Parameters are plain {@code double[]} so that federated code can average, subtract
 * and serialise them without knowing the model.
 *
 * <p>Implementations are stateless apart from their shape and may be shared between threads.
 */
public interface Model {

  /** Number of parameters. */
  int dimension();

  /** Features per example. */
  int inputDimension();

  int classes();

  /** Starting parameters (zeros for convex models, a seeded random initialisation otherwise). */
  double[] initialParameters(SplittableRandom rng);

  /**
   * Mean data loss (1/m)·Σ f(w; x_i) over the examples; when {@code gradient} is not null it receives
   * the mean data gradient (overwritten, length {@link #dimension()}).
   */
  double dataLoss(double[] w, Dataset examples, double[] gradient);

  /**
   * Per-example data gradients: row i of {@code out} (the {@link #dimension()} values starting at
   * {@code i·dimension()}) receives ∇f(w; x_i). Work and memory grow with m·dimension, so callers pass
   * blocks sized by {@link #dimension()}.
   */
  void perExampleGradients(double[] w, Dataset examples, double[] out);

  /** R(w); {@link Regularizer#NONE} when the model has none. */
  Regularizer regularizer();

  /** Predicted class of each example. */
  int[] predict(double[] w, Dataset examples);

  /** F(w; S): mean data loss plus the regulariser. */
  default double loss(double[] w, Dataset examples) {
    return dataLoss(w, examples, null) + regularizer().value(w);
  }

  /** ∇F(w; S) into {@code gradient}; returns F(w; S). */
  default double lossAndGradient(double[] w, Dataset examples, double[] gradient) {
    double loss = dataLoss(w, examples, gradient) + regularizer().value(w);
    regularizer().addGradient(w, gradient);
    return loss;
  }

  /** Fraction of examples whose predicted class is their label. */
  default double accuracy(double[] w, Dataset examples) {
    if (examples.size() == 0) {
      return Double.NaN;
    }
    int[] predicted = predict(w, examples);
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] == examples.label(i)) {
        correct++;
      }
    }
    return (double) correct / predicted.length;
  }
}
