package io.dpforge.dp.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CounterCalibrationTest {

  @ParameterizedTest
  @ValueSource(strings = {"tree", "honaker", "smooth", "sqrt", "blt:3"})
  void gaussianCalibrationSpendsAtMostRhoAndNoiseMatchesTheAnalysis(String name) {
    for (double rho : new double[] {0.5, 0.013, 8}) {
      CounterMechanism m = CounterMechanisms.parse(name, 1000);
      CounterCalibration cal = CounterCalibration.gaussian(m, rho);
      assertTrue(cal.rho() <= rho * (1 + 1e-12), name + " spends " + cal.rho() + " > " + rho);
      assertTrue(cal.rho() >= rho * (1 - 1e-4), name + " wastes budget: " + cal.rho() + " for " + rho);
      double expected = m.varianceCoefficient(777) / (2 * rho);
      assertEquals(expected, cal.stepVariance(777), 1e-4 * expected, name + " variance at rho " + rho);
      assertEquals(m.integerStrategy(), cal.grid().bits() == 0);
      PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.zcdp(rho)).build();
      ledger.charge(cal.charge("one counter").using(Randomness.seededNotPrivate(1)));
      assertEquals(cal.rho(), ledger.spent(), 1e-12);
    }
  }

  @Test
  void laplaceOnlyForTreesAndRealisesAtMostEpsilon() {
    CounterCalibration tree = CounterCalibration.laplace(CounterMechanisms.parse("tree", 1024), 0.7);
    assertEquals(11 / 0.7, tree.noiseScale(), 1e-12);
    assertTrue(tree.rho() <= 0.7 * 0.7 / 2);
    double p = Math.exp(-1 / tree.noiseScale());
    assertEquals(2 * p / ((1 - p) * (1 - p)) * 1, tree.stepVariance(1), 1e-9, "step 1 sums one node");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CounterCalibration.laplace(CounterMechanisms.parse("sqrt", 64), 1));
    assertTrue(e.getMessage().contains("no Laplace variant"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CounterCalibration.gaussian(CounterMechanisms.parse("tree", 64), 0));
  }
}
