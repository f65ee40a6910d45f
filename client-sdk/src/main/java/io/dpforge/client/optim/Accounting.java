package io.dpforge.client.optim;

import io.dpforge.dp.accounting.NoiseCalibration;
import io.dpforge.dp.accounting.RdpAccountant;
import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.accounting.RdpOrders;
import io.dpforge.dp.accounting.SubsampledGaussianAccountant;
import io.dpforge.dp.accounting.SubsampledGaussianRdp;
import java.util.function.DoubleFunction;

/**
 * The accountant interface the private optimizers share, over dp-core: the cost of one
 * (Poisson-subsampled) Gaussian query as a Rényi curve, which is what the ledger composes, and the
 * noise multiplier that makes a composition of such queries (ε, δ)-DP. No accounting happens here.
 */
final class Accounting {
  /** Name of the accountant the ledger composes with, for reports. */
  static final String RDP = "rdp";
  /** Calibration stops when the composition's ε is within this fraction below the target. */
  static final double RELATIVE_TOLERANCE = 1e-3;
  private static final RdpAccountant ACCOUNTANT = RdpAccountant.builder().orders(RdpOrders.dpAccounting())
      .fractionalSeries(SubsampledGaussianRdp.FractionalSeries.ABSOLUTE).build();

  private Accounting() {}

  /**
   * One query with sampling rate q and noise multiplier z: the plain Gaussian mechanism (ρ = 1/(2z²),
   * converted to ε by the analytic Gaussian bound) when q = 1, otherwise dp-core's RDP curve of the
   * Poisson-subsampled Gaussian (Mironov, Talwar and Zhang 2019, §3.3) as Google's dp_accounting
   * computes it: its order grid (up to 1,024) and the conservative absolute-value series.
   */
  static RdpCurve poissonGaussian(double q, double z) {
    return q == 1.0 ? RdpCurve.gaussian(1.0, z) : ACCOUNTANT.curve(q, z, 1);
  }

  /**
   * The noise multiplier z for which {@code totalCost.apply(z)} is (ε, δ)-DP, by dp-core's
   * {@link NoiseCalibration} (Opacus's bisection, which always returns a z meeting the target) over the
   * very curve the ledger will compose.
   */
  static double calibrate(DoubleFunction<RdpCurve> totalCost, double epsilon, double delta) {
    SubsampledGaussianAccountant composition = new SubsampledGaussianAccountant() {
      @Override
      public double epsilon(double samplingRate, double noiseMultiplier, long steps, double d) {
        return totalCost.apply(noiseMultiplier).epsilon(d);
      }

      @Override
      public String name() {
        return RDP;
      }
    };
    return NoiseCalibration.noiseMultiplier(composition, epsilon, delta, 1.0, 1, RELATIVE_TOLERANCE * epsilon);
  }
}
