package io.dpforge.client.compute;

/**
 * The innermost loops of the CPU backend. Two implementations exist so that the Vector API is used
 * only where it is available and measured to pay (client-sdk/README.md, "Kernel choice").
 */
interface Kernels {

  /** Σ x[xOffset + i]·y[yOffset + i] for i < n. */
  double dot(double[] x, int xOffset, double[] y, int yOffset, int n);

  /** y += a·x over n elements. */
  void axpy(double a, double[] x, int xOffset, double[] y, int yOffset, int n);

  /** y = a·x over n elements. */
  void scale(double a, double[] x, int xOffset, double[] y, int yOffset, int n);

  /** A short name for reports. */
  String name();
}
