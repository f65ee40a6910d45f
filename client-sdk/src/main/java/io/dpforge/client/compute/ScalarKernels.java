package io.dpforge.client.compute;

/**
 * Plain loops. C2 auto-vectorises {@link #axpy} and {@link #scale}; it does not vectorise floating-point
 * reductions (their order is fixed by the language), so {@link #dot} keeps four independent partial
 * sums to let the CPU overlap the additions.
 */
final class ScalarKernels implements Kernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public double dot(double[] x, int xOffset, double[] y, int yOffset, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[xOffset + i] * y[yOffset + i];
      s1 += x[xOffset + i + 1] * y[yOffset + i + 1];
      s2 += x[xOffset + i + 2] * y[yOffset + i + 2];
      s3 += x[xOffset + i + 3] * y[yOffset + i + 3];
    }
    for (; i < n; i++) {
      s0 += x[xOffset + i] * y[yOffset + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void axpy(double a, double[] x, int xOffset, double[] y, int yOffset, int n) {
    for (int i = 0; i < n; i++) {
      y[yOffset + i] += a * x[xOffset + i];
    }
  }

  @Override
  public void scale(double a, double[] x, int xOffset, double[] y, int yOffset, int n) {
    for (int i = 0; i < n; i++) {
      y[yOffset + i] = a * x[xOffset + i];
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
