package io.dpforge.cli.accountant;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.dp.accounting.RdpAccountant;
import io.dpforge.dp.accounting.RdpConversion;
import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.accounting.RdpCurve.OrderEpsilon;
import io.dpforge.dp.accounting.RdpOrders;
import io.dpforge.dp.accounting.SubsampledGaussianRdp.FractionalSeries;
import io.dpforge.dp.data.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dpforge accountant rdp}: ε of the subsampled Gaussian by Rényi DP (Opacus's orders and conversion). */
@Command(
    name = "rdp",
    mixinStandardHelpOptions = true,
    description = "ε by the RDP accountant (Mironov, Talwar, Zhang 2019), by default over Opacus's orders"
        + " 1.1..10.9, 12..63 with its signed fractional series, with the improved conversion (Balle et al."
        + " 2020); the classic conversion is shown too.")
public final class RdpCommand extends JsonCommand {
  @Mixin
  SamplingOptions sampling;

  @Option(names = "--noise-multiplier", required = true, description = "Noise std over L2 sensitivity σ.")
  double noiseMultiplier;

  @Option(names = "--orders", defaultValue = "opacus",
      description = "Order grid: opacus, dp-accounting or tf (default: ${DEFAULT-VALUE}).")
  String orders;

  @Option(names = "--fractional-series", defaultValue = "signed",
      description = "Fractional-order series: signed (Opacus) or absolute (dp_accounting) (default: ${DEFAULT-VALUE}).")
  String series;

  private double[] orderGrid() {
    return switch (orders) {
      case "opacus" -> RdpOrders.opacus();
      case "dp-accounting" -> RdpOrders.dpAccounting();
      case "tf" -> RdpOrders.tensorflowCli();
      default -> throw new InvalidInputException("--orders: expected opacus, dp-accounting or tf, got " + orders);
    };
  }

  private FractionalSeries fractionalSeries() {
    return switch (series) {
      case "signed" -> FractionalSeries.SIGNED;
      case "absolute" -> FractionalSeries.ABSOLUTE;
      default -> throw new InvalidInputException("--fractional-series: expected signed or absolute, got " + series);
    };
  }

  @Override
  protected Map<String, Object> execute(Console console) {
    sampling.validate();
    SamplingOptions.positive("--noise-multiplier", noiseMultiplier);
    RdpAccountant rdp = RdpAccountant.builder().orders(orderGrid()).fractionalSeries(fractionalSeries()).build();
    RdpCurve curve = rdp.curve(sampling.samplingRate, noiseMultiplier, sampling.steps);
    OrderEpsilon improved = curve.best(sampling.delta, RdpConversion.Kind.IMPROVED);
    OrderEpsilon classic = curve.best(sampling.delta, RdpConversion.Kind.CLASSIC);
    console.printf("ε = %.6f at order α = %s (improved conversion); classic conversion: ε = %.6f at α = %s%n",
        improved.epsilon(), improved.order(), classic.epsilon(), classic.order());
    Map<String, Object> r = new LinkedHashMap<>(sampling.describe());
    r.put("noise_multiplier", noiseMultiplier);
    r.put("epsilon", improved.epsilon());
    r.put("order", improved.order());
    r.put("epsilon_classic", classic.epsilon());
    r.put("order_classic", classic.order());
    r.put("orders", orders);
    r.put("fractional_series", series);
    return r;
  }
}
