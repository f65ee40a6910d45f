package io.dpforge.client.problem;

import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.Model;

/**
 * A training problem: a model, the (private) training set it is fitted to and a held-out test set.
 *
 * @param description one line for reports, e.g. "synthetic logistic regression, n = 100,000, d = 100"
 */
public record Problem(String description, Model model, Dataset train, Dataset test) {

  /** ‖∇F(w; train)‖, F(w; train) and test accuracy, computed non-privately (evaluation only). */
  public Evaluation evaluate(double[] w) {
    double[] gradient = new double[model.dimension()];
    double loss = model.lossAndGradient(w, train, gradient);
    double s = 0;
    for (double g : gradient) {
      s += g * g;
    }
    return new Evaluation(Math.sqrt(s), loss, model.accuracy(w, test));
  }
}
