package io.dpforge.client.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dpforge.client.compute.Activation;
import io.dpforge.client.data.Dataset;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DenseNetworkTest {

  static Dataset randomData(int n, int d, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = rng.nextGaussian();
      }
      y[i] = rng.nextInt(classes);
    }
    return Dataset.of(x, y, d, classes);
  }

  static Stream<DenseNetwork> smoothModels() {
    return Stream.of(
        DenseNetwork.builder(6, 4).build(),
        DenseNetwork.builder(6, 2).referenceClass(true).regularizer(new NonConvexRegularizer(0.3)).build(),
        DenseNetwork.builder(6, 3).referenceClass(true).build(),
        DenseNetwork.builder(6, 2).referenceClass(true).intercepts(false).build(),
        DenseNetwork.builder(6, 3).hiddenLayer(4).intercepts(false).activation(Activation.TANH).build(),
        DenseNetwork.builder(6, 4).hiddenLayer(5).activation(Activation.TANH).build(),
        DenseNetwork.builder(6, 3).hiddenLayer(5).hiddenLayer(4).activation(Activation.TANH).build());
  }

  private static double[] randomParameters(Model model, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] w = new double[model.dimension()];
    for (int j = 0; j < w.length; j++) {
      w[j] = rng.nextGaussian() * 0.7;
    }
    return w;
  }

  /** Acceptance: per-example gradients equal central finite differences of the per-example loss. */
  @ParameterizedTest
  @MethodSource("smoothModels")
  void perExampleGradientsMatchFiniteDifferences(DenseNetwork model) {
    Dataset data = randomData(5, 6, model.classes(), 1);
    double[] w = randomParameters(model, 2);
    int p = model.dimension();
    double[] perExample = new double[data.size() * p];
    model.perExampleGradients(w, data, perExample);
    double h = 1e-5;
    for (int i = 0; i < data.size(); i++) {
      Dataset one = data.slice(i, i + 1);
      for (int j = 0; j < p; j++) {
        double[] plus = w.clone();
        double[] minus = w.clone();
        plus[j] += h;
        minus[j] -= h;
        double fd = (model.dataLoss(plus, one, null) - model.dataLoss(minus, one, null)) / (2 * h);
        assertEquals(fd, perExample[i * p + j], 1e-7, model + ": example " + i + ", parameter " + j);
      }
    }
  }

  @Test
  void reluNetworkMatchesFiniteDifferencesAwayFromKinks() {
    DenseNetwork model = DenseNetwork.builder(6, 3).hiddenLayer(8).activation(Activation.RELU).build();
    Dataset data = randomData(4, 6, 3, 5);
    double[] w = randomParameters(model, 6);
    double[] perExample = new double[data.size() * model.dimension()];
    model.perExampleGradients(w, data, perExample);
    double h = 1e-7;
    for (int i = 0; i < data.size(); i++) {
      Dataset one = data.slice(i, i + 1);
      for (int j = 0; j < model.dimension(); j++) {
        double[] plus = w.clone();
        double[] minus = w.clone();
        plus[j] += h;
        minus[j] -= h;
        double fd = (model.dataLoss(plus, one, null) - model.dataLoss(minus, one, null)) / (2 * h);
        assertEquals(fd, perExample[i * model.dimension() + j], 1e-5);
      }
    }
  }

  /** The batched mean gradient (computed in chunks for large inputs) is the mean of the per-example ones. */
  @ParameterizedTest
  @MethodSource("smoothModels")
  void meanGradientIsMeanOfPerExampleGradients(DenseNetwork model) {
    Dataset data = randomData(9000, 6, model.classes(), 3);
    double[] w = randomParameters(model, 4);
    int p = model.dimension();
    double[] perExample = new double[data.size() * p];
    model.perExampleGradients(w, data, perExample);
    double[] mean = new double[p];
    for (int i = 0; i < data.size(); i++) {
      for (int j = 0; j < p; j++) {
        mean[j] += perExample[i * p + j] / data.size();
      }
    }
    double[] gradient = new double[p];
    double loss = model.dataLoss(w, data, gradient);
    assertArrayEquals(mean, gradient, 1e-12);
    double lossSum = 0;
    for (int i = 0; i < 50; i++) {
      lossSum += model.dataLoss(w, data.slice(i, i + 1), null);
    }
    assertEquals(lossSum / 50, model.dataLoss(w, data.slice(0, 50), null), 1e-12);
    assertEquals(loss, model.dataLoss(w, data, null), 1e-12);
  }

  @Test
  void logisticRegressionAtZeroHasLossLogK() {
    DenseNetwork model = DenseNetwork.builder(6, 4).build();
    double[] w = model.initialParameters(new SplittableRandom(1));
    assertArrayEquals(new double[model.dimension()], w, 0.0);
    assertEquals(4 * 6 + 4, model.dimension());
    assertEquals(Math.log(4), model.dataLoss(w, randomData(100, 6, 4, 9), null), 1e-12);
    DenseNetwork binary = DenseNetwork.builder(6, 2).referenceClass(true).build();
    assertEquals(7, binary.dimension());
    assertEquals(6, DenseNetwork.builder(6, 2).referenceClass(true).intercepts(false).build().dimension());
    assertEquals(Math.log(2), binary.dataLoss(new double[7], randomData(10, 6, 2, 9), null), 1e-12);
  }

  /** Binary logistic regression with a reference class is σ(⟨w, x⟩ + b) for class 1. */
  @Test
  void referenceClassModelIsBinaryLogisticRegression() {
    DenseNetwork model = DenseNetwork.builder(2, 2).referenceClass(true).build();
    double[] w = {0.5, -1.0, 0.25};
    Dataset data = Dataset.of(new double[] {1.0, 2.0, -1.0, 0.5}, new int[] {1, 0}, 2, 2);
    double z0 = 0.5 * 1.0 - 1.0 * 2.0 + 0.25;
    double z1 = 0.5 * -1.0 - 1.0 * 0.5 + 0.25;
    double expected = (Math.log1p(Math.exp(-z0)) + Math.log1p(Math.exp(z1))) / 2;
    assertEquals(expected, model.dataLoss(w, data, null), 1e-14);
    assertArrayEquals(new int[] {0, 0}, model.predict(w, data));
    assertArrayEquals(new int[] {1, 1}, model.predict(new double[] {0, 0, 10}, data));
  }

  @Test
  void nonConvexRegulariserGradientMatchesFiniteDifferences() {
    NonConvexRegularizer r = new NonConvexRegularizer(0.7);
    double[] w = {-2.0, -0.3, 0.0, 0.9, 3.0};
    double[] g = new double[w.length];
    r.addGradient(w, g);
    for (int j = 0; j < w.length; j++) {
      double[] plus = w.clone();
      double[] minus = w.clone();
      plus[j] += 1e-6;
      minus[j] -= 1e-6;
      assertEquals((r.value(plus) - r.value(minus)) / 2e-6, g[j], 1e-8);
    }
    assertEquals(0.7 * (4.0 / 5 + 0.09 / 1.09 + 0 + 0.81 / 1.81 + 9.0 / 10), r.value(w), 1e-12);
  }

  @Test
  void shapeMismatchesAreRejected() {
    DenseNetwork model = DenseNetwork.builder(6, 4).build();
    Dataset data = randomData(3, 5, 4, 1);
    assertThrows(IllegalArgumentException.class, () -> model.dataLoss(new double[model.dimension()], data, null));
    assertThrows(IllegalArgumentException.class,
        () -> model.dataLoss(new double[3], randomData(3, 6, 4, 1), null));
  }
}
