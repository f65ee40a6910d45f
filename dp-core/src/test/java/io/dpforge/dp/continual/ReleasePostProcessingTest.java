package io.dpforge.dp.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReleasePostProcessingTest {

  @Test
  void clampAndRoundGiveWholeCountsInsideTheBounds() {
    assertArrayEquals(new double[] {0, 2.5, 10}, ReleasePostProcessing.clamp(new double[] {-3, 2.5, 12}, 0, 10));
    assertArrayEquals(new long[] {-3, 3, 12}, ReleasePostProcessing.round(new double[] {-2.6, 2.5, 11.9}));
    assertEquals(0, ReleasePostProcessing.wholeNonNegative(-4.2));
    assertEquals(7, ReleasePostProcessing.wholeNonNegative(6.5));
    assertThrows(IllegalArgumentException.class, () -> ReleasePostProcessing.clamp(new double[] {1}, 2, 1));
  }

  @Test
  void isotonicFitPoolsAdjacentViolators() {
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, ReleasePostProcessing.nonDecreasingFit(new double[] {1, 3, 2, 4}), 1e-12);
    assertArrayEquals(new double[] {2, 2, 2}, ReleasePostProcessing.nonDecreasingFit(new double[] {3, 2, 1}), 1e-12);
    // weights pull a pooled block towards the trusted value: (3·1 + 1·4)/4... here (1·5 + 3·1)/4 = 2
    assertArrayEquals(new double[] {2, 2}, ReleasePostProcessing.nonDecreasingFit(new double[] {5, 1}, new double[] {1, 3}), 1e-12);
  }

  /** The fit is the least-squares projection: no non-decreasing sequence is closer (checked by perturbing it). */
  @Test
  void isotonicFitIsTheClosestNonDecreasingSequence() {
    SplittableRandom random = new SplittableRandom(11);
    double[] v = new double[60];
    for (int i = 0; i < v.length; i++) {
      v[i] = i * 0.3 + random.nextGaussian() * 4;
    }
    double[] fit = ReleasePostProcessing.nonDecreasingFit(v);
    double best = squaredDistance(fit, v);
    for (int i = 1; i < fit.length; i++) {
      assertEquals(true, fit[i] >= fit[i - 1]);
    }
    for (int trial = 0; trial < 2000; trial++) {
      double[] other = fit.clone();
      int at = random.nextInt(other.length);
      other[at] += random.nextGaussian() * 0.5;
      if (isNonDecreasing(other)) {
        assertEquals(true, squaredDistance(other, v) >= best - 1e-9);
      }
    }
  }

  private static boolean isNonDecreasing(double[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i] < a[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return s;
  }
}
