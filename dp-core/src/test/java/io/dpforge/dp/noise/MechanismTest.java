package io.dpforge.dp.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.accounting.AnalyticGaussian;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.BudgetExceededException;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import org.junit.jupiter.api.Test;

class MechanismTest {

  @Test
  void gaussianCalibrations() {
    assertEquals(1 / Math.sqrt(0.2), GaussianMechanism.builder().l2Sensitivity(1).rho(0.1).build().sigma(), 1e-12);
    double analytic = GaussianMechanism.builder().l2Sensitivity(2).epsilonDelta(1, 1e-5).build().sigma();
    assertEquals(2 * AnalyticGaussian.sigma(1, 1, 1e-5), analytic, 1e-9);
    assertThrows(IllegalArgumentException.class, () -> GaussianMechanism.builder().l2Sensitivity(1).build());
    assertThrows(IllegalArgumentException.class,
        () -> GaussianMechanism.builder().l2Sensitivity(1).rho(1).sigma(2).build());
    assertThrows(IllegalArgumentException.class, () -> GaussianMechanism.builder().l2Sensitivity(-1).rho(1).build());
  }

  /** Outputs lie on the granularity lattice and the noise has variance σ² (within 3%, n = 200k). */
  @Test
  void gaussianVectorNoiseHasTheCalibratedSpread() {
    GaussianMechanism m = GaussianMechanism.builder().l2Sensitivity(1).sigma(3).randomness(Randomness.seededNotPrivate(1)).build();
    double[] values = new double[200_000];
    java.util.Arrays.fill(values, 10.123456789);
    double[] noisy = m.addNoise(values);
    double g = m.granularity(values.length);
    double snapped = Math.rint(10.123456789 / g) * g;
    double sum = 0;
    double sumSq = 0;
    for (double y : noisy) {
      assertEquals(0, Math.IEEEremainder(y, g), 0, "output not a multiple of the granularity");
      sum += y - snapped;
      sumSq += (y - snapped) * (y - snapped);
    }
    double mean = sum / noisy.length;
    double variance = sumSq / noisy.length - mean * mean;
    assertEquals(0, mean, 4 * 3 / Math.sqrt(noisy.length));
    assertEquals(9, variance, 0.27);
  }

  @Test
  void seededVectorNoiseIsReproducibleAcrossParallelChunks() {
    double[] values = new double[100_000];
    double[] a = GaussianMechanism.builder().l2Sensitivity(1).rho(0.5).randomness(Randomness.seededNotPrivate(9)).build()
        .addNoise(values);
    double[] b = GaussianMechanism.builder().l2Sensitivity(1).rho(0.5).randomness(Randomness.seededNotPrivate(9)).build()
        .addNoise(values);
    assertArrayEquals(a, b);
  }

  @Test
  void laplaceNoiseHasTheCalibratedSpread() {
    LaplaceMechanism m = LaplaceMechanism.builder().l1Sensitivity(2).epsilon(0.5).randomness(Randomness.seededNotPrivate(2)).build();
    assertEquals(4, m.scale());
    double[] noisy = m.addNoise(new double[100_000]);
    double sumAbs = 0;
    for (double y : noisy) {
      assertEquals(0, Math.IEEEremainder(y, m.granularity()), 0);
      sumAbs += Math.abs(y);
    }
    assertEquals(4, sumAbs / noisy.length, 4 * 4 / Math.sqrt(noisy.length)); // E|Lap(b)| = b, sd b
  }

  @Test
  void largeValuesKeepTheirMagnitude() {
    GaussianMechanism m = GaussianMechanism.builder().l2Sensitivity(1).sigma(1).randomness(Randomness.seededNotPrivate(3)).build();
    double y = m.addNoise(1e30);
    assertEquals(1e30, y, 1e30 * 1e-15);
    assertThrows(IllegalArgumentException.class, () -> m.addNoise(Double.NaN));
  }

  @Test
  void releaseChargesTheLedgerFirstAndRefusesOverspending() {
    PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.zcdp(1)).build();
    GaussianMechanism m = GaussianMechanism.builder().l2Sensitivity(1).rho(0.6).randomness(Randomness.seededNotPrivate(4)).build();
    m.release(ledger, "first count", 5);
    assertEquals(0.6, ledger.spent(), 1e-12);
    assertThrows(BudgetExceededException.class, () -> m.release(ledger, "second count", 5));
    assertEquals(1, ledger.entries().size());
    assertFalse(ledger.allPrivate());
    assertTrue(ledger.entries().get(0).randomness().contains("NOT PRIVATE"));
  }
}
