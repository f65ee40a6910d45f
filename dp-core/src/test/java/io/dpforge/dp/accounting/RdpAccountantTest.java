package io.dpforge.dp.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.accounting.RdpCurve.OrderEpsilon;
import io.dpforge.dp.accounting.SubsampledGaussianRdp.FractionalSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every RDP value of the B10 validation table (research brief "decentralized-and-dpopt", §B10), from
 * Opacus, TensorFlow Privacy and dp_accounting tests and docstrings, to the digits given there.
 */
class RdpAccountantTest {
  private static final RdpAccountant OPACUS = RdpAccountant.builder().build();
  private static final RdpAccountant DP_ACCOUNTING = RdpAccountant.builder().orders(RdpOrders.dpAccounting())
      .fractionalSeries(FractionalSeries.ABSOLUTE).build();
  private static final RdpAccountant TF_CLI = RdpAccountant.builder().orders(RdpOrders.tensorflowCli()).build();

  private static void assertRelative(double expected, double actual, double tolerance) {
    assertEquals(expected, actual, tolerance * Math.abs(expected), () -> "expected " + expected + ", got " + actual);
  }

  /** Row 1: Opacus doctest, two mechanisms composed, orders 2..32. */
  @Test
  void row1OpacusDoctest() {
    RdpAccountant integers = RdpAccountant.builder().orders(RdpOrders.integers(2, 32)).build();
    RdpCurve curve = integers.curve(1e-5, 1.0, 10).plus(integers.curve(1e-4, 3.0, 4));
    OrderEpsilon e = integers.epsilon(curve, 1e-5);
    assertEquals(0.3363441, e.epsilon(), 5e-8);
    assertEquals(23, e.order());
  }

  /** Row 2: opacus/tests/accountants_test.py, q = 0.04, σ = 1.5, T = 2250. */
  @Test
  void row2OpacusTest() {
    OrderEpsilon e = OPACUS.epsilon(OPACUS.curve(0.04, 1.5, 2250), 1e-5);
    assertRelative(7.32911117143, e.epsilon(), 1e-10);
    assertEquals(3.9, e.order(), 1e-12);
  }

  /** Rows 5-7: TensorFlow Privacy compute_dp_sgd_privacy_test.py. */
  @ParameterizedTest
  @CsvSource({
      "60000,     150,  1.3, 15, 1e-5, 0.7242234026109595, 19",
      "100000,    100,  1.0, 30, 1e-7, 1.4154988495444842, 13",
      "100000000, 1024, 0.1, 10, 1e-7, 5907982.3113984,    1.25"})
  void rows5to7TensorflowCli(long n, int batch, double sigma, int epochs, double delta, double expected, double order) {
    double q = (double) batch / n;
    long steps = (long) Math.ceil((double) epochs * n / batch);
    OrderEpsilon e = TF_CLI.epsilon(TF_CLI.curve(q, sigma, steps), delta);
    assertRelative(expected, e.epsilon(), 1e-10);
    assertEquals(order, e.order(), 1e-12);
  }

  /** Rows 8-11: dp_accounting rdp_privacy_accountant_test.py (absolute fractional series). */
  @ParameterizedTest
  @CsvSource({
      "1,    0.7,  2,   10.8602036",
      "0.01, 0.7,  120, 3.2392676",
      "1,    0.35, 2,   26.2880374",
      "0.01, 0.35, 120, 22.6248601"})
  void rows8to11DpAccounting(double q, double sigma, long steps, double expected) {
    assertEquals(expected, DP_ACCOUNTING.epsilon(q, sigma, steps, 1e-5), 5e-8 * expected);
  }

  /** Rows 9 and 11 with the signed series (Opacus's), which differs from the absolute one. */
  @Test
  void signedSeriesDiffersFromAbsoluteWhereTheBriefSays() {
    RdpAccountant signed = RdpAccountant.builder().orders(RdpOrders.dpAccounting()).build();
    assertEquals(3.2391922, signed.epsilon(0.01, 0.7, 120, 1e-5), 5e-7);
    assertEquals(22.5970358, signed.epsilon(0.01, 0.35, 120, 1e-5), 5e-6);
  }

  /** Row 15: the requested case, q = 0.01, σ = 1.1, T = 10,000, δ = 1e-5. */
  @Test
  void row15RequestedCase() {
    OrderEpsilon improved = OPACUS.epsilon(OPACUS.curve(0.01, 1.1, 10_000), 1e-5);
    assertEquals(5.631992, improved.epsilon(), 1e-6);
    assertEquals(4.7, improved.order(), 1e-12);
    assertEquals(5.632011, DP_ACCOUNTING.epsilon(0.01, 1.1, 10_000, 1e-5), 1e-6);

    RdpAccountant classic = RdpAccountant.builder().conversion(RdpConversion.Kind.CLASSIC).build();
    OrderEpsilon c = classic.epsilon(classic.curve(0.01, 1.1, 10_000), 1e-5);
    assertEquals(6.278710, c.epsilon(), 1e-6);
    assertEquals(4.9, c.order(), 1e-12);

    RdpCurve integers = SubsampledGaussianRdp.curve(0.01, 1.1, 10_000, RdpOrders.integers(2, 64), FractionalSeries.SIGNED);
    assertEquals(6.279811, integers.epsilonClassic(1e-5), 1e-6);
    assertEquals(5.654308, integers.epsilon(1e-5), 1e-6);
  }

  /**
   * The per-order single-step table for q = 0.01, σ = 1.1 (signed; absolute where it differs). At
   * α = 10.5 the brief lists only the signed value; the absolute series differs there too (dp_accounting
   * 0.6 computes 9.6727134933067e-04), and that is what the absolute column pins.
   */
  @ParameterizedTest
  @CsvSource({
      "1.5,  9.5545285560e-05, 9.8587569680e-05",
      "2,    1.2851008161e-04, 1.2851008161e-04",
      "2.5,  1.6207740933e-04, 1.6215219756e-04",
      "3,    1.9627788992e-04, 1.9627788992e-04",
      "4,    2.6671831463e-04, 2.6671831463e-04",
      "8,    5.8407033552e-04, 5.8407033552e-04",
      "10,   8.0758217302e-04, 8.0758217302e-04",
      "10.5, 9.6727130523e-04, 9.6727134933e-04",
      "16,   1.6998267278,     1.6998267278",
      "32,   8.4694164337,     8.4694164337"})
  void singleStepRdpTable(double alpha, double signed, double absolute) {
    assertRelative(signed, SubsampledGaussianRdp.rdp(0.01, 1.1, alpha, FractionalSeries.SIGNED), 1e-9);
    assertRelative(absolute, SubsampledGaussianRdp.rdp(0.01, 1.1, alpha, FractionalSeries.ABSOLUTE), 1e-9);
  }

  @Test
  void closedFormsAndSpecialCases() {
    double q = 0.03;
    double sigma = 0.9;
    assertRelative(Math.log1p(q * q * Math.expm1(1 / (sigma * sigma))),
        SubsampledGaussianRdp.rdp(q, sigma, 2, FractionalSeries.SIGNED), 1e-13);
    assertEquals(0, SubsampledGaussianRdp.rdp(0, sigma, 3, FractionalSeries.SIGNED));
    assertEquals(2.5 / (2 * sigma * sigma), SubsampledGaussianRdp.rdp(1, sigma, 2.5, FractionalSeries.SIGNED), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, SubsampledGaussianRdp.rdp(q, 0, 3, FractionalSeries.SIGNED));
    assertThrows(IllegalArgumentException.class, () -> SubsampledGaussianRdp.rdp(1.5, 1, 2, FractionalSeries.SIGNED));
    assertThrows(IllegalArgumentException.class, () -> SubsampledGaussianRdp.rdp(0.1, 1, 1, FractionalSeries.SIGNED));
  }

  /** Rows 16 and 17 (Abadi et al.'s example and the MNIST tutorial), dp_accounting orders. */
  @Test
  void rows16and17ClassicAndImproved() {
    RdpCurve abadi = DP_ACCOUNTING.curve(0.01, 4, 10_000);
    assertEquals(1.2586, abadi.epsilonClassic(1e-5), 5e-5);
    assertEquals(1.0355, abadi.epsilon(1e-5), 5e-5);
    RdpCurve mnist = DP_ACCOUNTING.curve(256.0 / 60_000, 1.1, 14_063);
    assertEquals(3.0084, mnist.epsilonClassic(1e-5), 5e-5);
    assertEquals(2.5967, mnist.epsilon(1e-5), 5e-5);
  }

  /** Row 14 and Part C target 12: Opacus's bisection, q = 0.04, ε = 8, δ = 1e-5. */
  @Test
  void row14NoiseCalibrationFollowsOpacus() {
    assertEquals(1.3562, NoiseCalibration.noiseMultiplier(OPACUS, 8, 1e-5, 0.04, 2000, NoiseCalibration.OPACUS_TOLERANCE), 1e-4);
    assertEquals(1.416, NoiseCalibration.noiseMultiplier(OPACUS, 8, 1e-5, 0.04, 2250, NoiseCalibration.OPACUS_TOLERANCE), 1e-3);
    double fine = NoiseCalibration.noiseMultiplier(OPACUS, 8, 1e-5, 0.04, 2000, 1e-6);
    double eps = OPACUS.epsilon(0.04, fine, 2000, 1e-5);
    assertTrue(eps <= 8 && eps > 8 - 1e-6, "ε(σ) = " + eps);
    assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.noiseMultiplier(OPACUS, 1e-9, 1e-5, 1, 1000, 0.01));
  }
}
