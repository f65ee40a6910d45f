package io.dpforge.dp.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference values computed independently with scipy (brentq on Balle-Wang Thm 8; bounded minimisation of CKS Cor 13). */
class ZcdpAndGaussianTest {

  @ParameterizedTest
  @CsvSource({
      "1,   1e-5, 3.7306316348159347",
      "0.1, 1e-6, 36.304690426195435",
      "5,   1e-9, 1.2117124661345842",
      "20,  1e-5, 0.2900414180327959"})
  void analyticGaussianSigmaMatchesReference(double epsilon, double delta, double expected) {
    double sigma = AnalyticGaussian.sigma(1, epsilon, delta);
    assertEquals(expected, sigma, 1e-9 * expected);
    assertTrue(sigma >= expected * (1 - 1e-11), "calibration must round up");
    assertEquals(expected * 3, AnalyticGaussian.sigma(3, epsilon, delta), 3e-9 * expected);
    assertEquals(epsilon, AnalyticGaussian.epsilon(1 / sigma, delta), 1e-9 * epsilon);
  }

  @Test
  void analyticGaussianBeatsTheClassicalCalibration() {
    double classical = Math.sqrt(2 * Math.log(1.25 / 1e-5)) / 0.5;
    assertTrue(AnalyticGaussian.sigma(1, 0.5, 1e-5) < classical);
  }

  @ParameterizedTest
  @CsvSource({
      "0.5,    1e-5, 4.728386984943313,   5.298525912188081",
      "0.01,   1e-6, 0.6216926545596024,  0.7533844377699678",
      "2,      1e-9, 14.150147553874596,  14.875796157736083",
      "0.0001, 1e-5, 0.04504746208777724, 0.06796140424415112"})
  void zcdpConversions(double rho, double delta, double tight, double simple) {
    assertEquals(tight, Zcdp.epsilon(rho, delta), 1e-9);
    assertEquals(simple, Zcdp.epsilonSimple(rho, delta), 1e-12);
    double back = Zcdp.rhoFor(tight, delta);
    assertEquals(rho, back, 1e-9 * rho);
    assertTrue(Zcdp.epsilon(back, delta) <= tight);
  }

  @Test
  void gaussianAndCompositionIdentities() {
    assertEquals(0.125, Zcdp.gaussianRho(1, 2));
    assertEquals(2, Zcdp.gaussianSigma(1, 0.125), 1e-15);
    assertEquals(0.5, Zcdp.fromPureDp(1));
    assertEquals(0.125, Zcdp.exponentialMechanism(1));
    assertEquals(0, Zcdp.epsilon(0, 1e-5));
    assertThrows(IllegalArgumentException.class, () -> Zcdp.epsilon(-1, 1e-5));
    assertThrows(IllegalArgumentException.class, () -> Zcdp.epsilon(1, 0));
  }

  @Test
  void rdpCurvesComposeAndConvert() {
    RdpCurve a = RdpCurve.zcdp(0.1);
    RdpCurve b = RdpCurve.zcdp(0.4);
    assertEquals(0.5, a.plus(b).rho(), 1e-15);
    assertEquals(Zcdp.epsilon(0.5, 1e-5), a.plus(b).epsilon(1e-5), 1e-12);
    assertEquals(1.0, a.times(10).rho(), 1e-15);

    RdpCurve table = RdpCurve.tabulated(new double[] {2, 4, 8}, new double[] {0.1, 0.3, 1.0});
    RdpCurve sum = table.plus(RdpCurve.zcdp(0.01));
    assertEquals(0.3 + 0.04, sum.at(4), 1e-15);
    double expected = Math.min(RdpConversion.improvedEpsilon(0.12, 2, 1e-5),
        Math.min(RdpConversion.improvedEpsilon(0.34, 4, 1e-5), RdpConversion.improvedEpsilon(1.08, 8, 1e-5)));
    assertEquals(expected, sum.epsilon(1e-5), 1e-15);
    assertTrue(sum.epsilonClassic(1e-5) > sum.epsilon(1e-5));
    assertThrows(IllegalArgumentException.class, () -> sum.at(3));
    RdpCurve other = RdpCurve.tabulated(new double[] {4, 16}, new double[] {1, 1});
    assertEquals(1, table.plus(other).orders().length);
  }

  /** A composition of Gaussians is one Gaussian: its ε is the analytic one, below the zCDP conversion. */
  @Test
  void gaussianCurvesUseTheAnalyticConversion() {
    RdpCurve g = RdpCurve.gaussian(1, 3).plus(RdpCurve.gaussian(1, 4)); // Δ/σ_total = √(1/9 + 1/16) = 5/12
    assertTrue(g.isGaussian());
    assertEquals(AnalyticGaussian.epsilon(5.0 / 12, 1e-5), g.epsilon(1e-5), 1e-12);
    assertTrue(g.epsilon(1e-5) < Zcdp.epsilon(g.rho(), 1e-5));
    RdpCurve mixed = g.plus(RdpCurve.zcdp(0.01));
    assertTrue(!mixed.isGaussian());
    assertEquals(Zcdp.epsilon(mixed.rho(), 1e-5), mixed.epsilon(1e-5), 1e-12);
  }

  @Test
  void logErfcIsAccurateInTheFarTail() {
    assertEquals(Math.log(org.hipparchus.special.Erf.erfc(3)), GaussianTail.logErfc(3), 1e-14);
    // log erfc(30) from the continued fraction, to 12 digits: -903.8341760164...
    double x = 30;
    double cf = x;
    for (int k = 60; k >= 1; k--) {
      cf = x + k / 2.0 / cf;
    }
    double reference = -x * x - Math.log(Math.sqrt(Math.PI)) - Math.log(cf);
    assertEquals(reference, GaussianTail.logErfc(30), 1e-11);
    assertEquals(reference, GaussianTail.logErfc(30), 1e-12 * Math.abs(reference));
  }
}
