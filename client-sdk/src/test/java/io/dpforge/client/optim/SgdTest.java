package io.dpforge.client.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.client.data.Dataset;
import io.dpforge.client.data.SyntheticLogistic;
import io.dpforge.client.model.DenseNetwork;
import io.dpforge.client.model.Model;
import org.junit.jupiter.api.Test;

class SgdTest {

  @Test
  void sgdDrivesTheGradientDownAndReturnsTheUpdate() {
    SyntheticLogistic generator = new SyntheticLogistic(20, Math.sqrt(20) * 3, 5);
    Dataset train = generator.sample(4000, 6);
    Dataset test = generator.sample(2000, 7);
    Model model = DenseNetwork.builder(20, 2).referenceClass(true).build();
    double[] start = model.initialParameters(null);
    double[] g0 = new double[model.dimension()];
    model.lossAndGradient(start, train, g0);

    OptimizationResult r = Sgd.builder().epochs(10).batchSize(50).learningRate(1.0).seed(1).build()
        .optimize(model, start, train);
    double[] g = new double[model.dimension()];
    model.lossAndGradient(r.parameters(), train, g);
    assertTrue(norm(g) < norm(g0) / 2, "‖∇F‖ went from " + norm(g0) + " to " + norm(g));
    assertEquals(10 * 80, r.steps());
    assertEquals(40_000, r.gradientEvaluations());
    assertEquals(PrivacySpent.NONE, r.privacy());
    double[] sum = new double[start.length];
    for (int j = 0; j < sum.length; j++) {
      sum[j] = start[j] + r.update()[j];
    }
    assertArrayEquals(r.parameters(), sum, 0.0);
    // Labels are Bernoulli(σ(m)) with margin m ~ N(0, 9): the Bayes classifier's accuracy is 0.836 and
    // its expected loss 0.361 (Monte Carlo), so a trained model must come close to both.
    double accuracy = model.accuracy(r.parameters(), test);
    assertTrue(accuracy > 0.80, "test accuracy " + accuracy);
    double loss = model.loss(r.parameters(), train);
    assertTrue(loss < 0.38, "training loss " + loss);

    OptimizationResult same = Sgd.builder().epochs(10).batchSize(50).learningRate(1.0).seed(1).build()
        .optimize(model, start, train);
    assertArrayEquals(r.parameters(), same.parameters(), 0.0);
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
