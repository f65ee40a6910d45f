package io.dpforge.client.model;

/**
 * Cross-entropy of a softmax over logits, row by row, with its gradient with respect to the logits.
 *
 * <p>With a reference class, class 0's logit is fixed at 0 and only the other K − 1 logits are stored
 * (the baseline-category parameterisation); for K = 2 this is ordinary binary logistic regression with
 * one weight vector.
 */
final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /**
   * Sum over the m rows of −log p(y_i | z_i); when {@code residual} is not null, its row i receives
   * ∂loss_i/∂z_i = p_i − e_{y_i} restricted to the stored logits.
   *
   * @param logits m × width, width = classes (or classes − 1 with a reference class)
   */
  static double lossSum(double[] logits, int m, int classes, boolean referenceClass, int[] labels,
      int labelOffset, double[] residual) {
    int width = referenceClass ? classes - 1 : classes;
    int shift = referenceClass ? 1 : 0;
    double total = 0;
    for (int i = 0; i < m; i++) {
      int row = i * width;
      double max = referenceClass ? 0.0 : Double.NEGATIVE_INFINITY;
      for (int c = 0; c < width; c++) {
        max = Math.max(max, logits[row + c]);
      }
      double sum = referenceClass ? Math.exp(-max) : 0.0;
      for (int c = 0; c < width; c++) {
        sum += Math.exp(logits[row + c] - max);
      }
      double logSumExp = max + Math.log(sum);
      int y = labels[labelOffset + i];
      double zy = y == 0 && referenceClass ? 0.0 : logits[row + y - shift];
      total += logSumExp - zy;
      if (residual != null) {
        for (int c = 0; c < width; c++) {
          double p = Math.exp(logits[row + c] - logSumExp);
          residual[row + c] = c + shift == y ? p - 1.0 : p;
        }
      }
    }
    return total;
  }

  /** Index of the largest logit of each row (class 0 has logit 0 with a reference class). */
  static void argmax(double[] logits, int m, int classes, boolean referenceClass, int[] out, int outOffset) {
    int width = referenceClass ? classes - 1 : classes;
    int shift = referenceClass ? 1 : 0;
    for (int i = 0; i < m; i++) {
      int row = i * width;
      int best = 0;
      double bestLogit = referenceClass ? 0.0 : Double.NEGATIVE_INFINITY;
      for (int c = 0; c < width; c++) {
        if (logits[row + c] > bestLogit) {
          bestLogit = logits[row + c];
          best = c + shift;
        }
      }
      out[outOffset + i] = best;
    }
  }
}
