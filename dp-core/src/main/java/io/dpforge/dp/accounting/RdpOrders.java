package io.dpforge.dp.accounting;

import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/** Standard grids of Rényi orders, so results line up with other tools. */
public final class RdpOrders {
  private RdpOrders() {}

  /** Opacus's {@code DEFAULT_ALPHAS}: 1.1, 1.2, …, 10.9, then 12, 13, …, 63. */
  public static double[] opacus() {
    return concat(tenths().toArray(), integers(12, 63));
  }

  /** Google dp_accounting's {@code DEFAULT_RDP_ORDERS}: 1.1, …, 10.9, 11, …, 63, 128, 256, 512, 1024. */
  public static double[] dpAccounting() {
    return concat(tenths().toArray(), integers(11, 63), new double[] {128, 256, 512, 1024});
  }

  /** The orders of TensorFlow Privacy's {@code compute_dp_sgd_privacy}: 1.25, …, 4.5, 5, …, 63, 128, 256, 512. */
  public static double[] tensorflowCli() {
    return concat(new double[] {1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5}, integers(5, 63),
        new double[] {128, 256, 512});
  }

  /** The integers from..to. */
  public static double[] integers(int from, int to) {
    return IntStream.rangeClosed(from, to).asDoubleStream().toArray();
  }

  private static double[] concat(double[]... parts) {
    return java.util.Arrays.stream(parts).flatMapToDouble(DoubleStream::of).toArray();
  }

  /** 1 + x/10 for x = 1..99, computed as Python does ({@code 1 + x / 10.0}). */
  private static DoubleStream tenths() {
    return IntStream.rangeClosed(1, 99).mapToDouble(x -> 1 + x / 10.0);
  }
}
