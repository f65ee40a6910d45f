package io.dpforge.client.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.client.compute.Activation;
import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.DenseNetwork;
import io.dpforge.client.model.Model;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PerExampleClippingTest {

  private static Dataset data(int n, int d, int classes, double scale, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      // Example scales from 0.01 to 100: some gradients are tiny, some huge.
      double exampleScale = scale * Math.pow(10, rng.nextInt(5) - 2);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = rng.nextGaussian() * exampleScale;
      }
    }
    return Dataset.of(x, rng.ints(n, 0, classes).toArray(), d, classes);
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /**
   * Acceptance: clipping bounds every contribution. A one-example batch's clipped sum is that example's
   * contribution; its norm never exceeds C, and a contribution already inside the ball is unchanged.
   */
  @Test
  void everyContributionIsBoundedByTheClippingNorm() {
    Model model = DenseNetwork.builder(8, 3).hiddenLayer(6).activation(Activation.TANH).build();
    Dataset batch = data(200, 8, 3, 1.0, 1);
    double[] w = model.initialParameters(new SplittableRandom(2));
    double[] w2 = w.clone();
    w2[3] += 0.5;
    double clip = 1.5;
    PerExampleClipping clipping = new PerExampleClipping(model, null);
    double[] contribution = new double[model.dimension()];
    double[] raw = new double[model.dimension()];
    int clipped = 0;
    int unchanged = 0;
    for (int i = 0; i < batch.size(); i++) {
      Dataset one = batch.slice(i, i + 1);
      clipping.clippedGradientSum(w, one, clip, contribution);
      model.perExampleGradients(w, one, raw);
      double rawNorm = norm(raw);
      assertTrue(norm(contribution) <= clip * (1 + 1e-15), "example " + i + ": " + norm(contribution));
      if (rawNorm <= clip) {
        assertArrayEquals(raw, contribution, 0.0);
        unchanged++;
      } else {
        assertEquals(clip, norm(contribution), 1e-12);
        for (int j = 0; j < raw.length; j++) {
          assertEquals(raw[j] * clip / rawNorm, contribution[j], 1e-15, "direction is kept");
        }
        clipped++;
      }
      clipping.clippedDifferenceSum(w2, w, one, clip, contribution);
      assertTrue(norm(contribution) <= clip * (1 + 1e-15));
    }
    assertTrue(clipped > 20 && unchanged > 20, clipped + " clipped, " + unchanged + " unchanged");
  }

  /** The batch sum equals the sum of one-example sums, also across block boundaries. */
  @Test
  void batchSumIsTheSumOfClippedContributions() {
    // 784·32 + 32·10 + 42 parameters: a block holds 166 rows, so 400 examples span three blocks.
    Model model = DenseNetwork.builder(784, 10).hiddenLayer(32).activation(Activation.TANH).build();
    Dataset batch = data(400, 784, 10, 0.05, 3);
    double[] w = model.initialParameters(new SplittableRandom(4));
    double[] w2 = w.clone();
    for (int j = 0; j < w2.length; j += 7) {
      w2[j] += 0.01;
    }
    PerExampleClipping clipping = new PerExampleClipping(model, null);
    double[] expected = new double[model.dimension()];
    double[] expectedDiff = new double[model.dimension()];
    double[] one = new double[model.dimension()];
    for (int i = 0; i < batch.size(); i++) {
      clipping.clippedGradientSum(w, batch.slice(i, i + 1), 0.5, one);
      for (int j = 0; j < one.length; j++) {
        expected[j] += one[j];
      }
      clipping.clippedDifferenceSum(w2, w, batch.slice(i, i + 1), 0.01, one);
      for (int j = 0; j < one.length; j++) {
        expectedDiff[j] += one[j];
      }
    }
    double[] sum = new double[model.dimension()];
    clipping.clippedGradientSum(w, batch, 0.5, sum);
    assertArrayEquals(expected, sum, 1e-10);
    clipping.clippedDifferenceSum(w2, w, batch, 0.01, sum);
    assertArrayEquals(expectedDiff, sum, 1e-12);
  }
}
