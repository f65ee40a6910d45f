package io.dpforge.client.compute;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The same loops through {@code jdk.incubator.vector} with the CPU's widest double species. The dot
 * product gains most: C2 cannot vectorise a floating-point reduction, the Vector API reassociates it
 * explicitly (two FMA accumulators).
 */
final class VectorKernels implements Kernels {
  static final VectorKernels INSTANCE = new VectorKernels();
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  private VectorKernels() {}

  @Override
  public double dot(double[] x, int xOffset, double[] y, int yOffset, int n) {
    DoubleVector acc0 = DoubleVector.zero(SPECIES);
    DoubleVector acc1 = DoubleVector.zero(SPECIES);
    int i = 0;
    for (; i + 2 * LANES <= n; i += 2 * LANES) {
      acc0 = DoubleVector.fromArray(SPECIES, x, xOffset + i)
          .fma(DoubleVector.fromArray(SPECIES, y, yOffset + i), acc0);
      acc1 = DoubleVector.fromArray(SPECIES, x, xOffset + i + LANES)
          .fma(DoubleVector.fromArray(SPECIES, y, yOffset + i + LANES), acc1);
    }
    if (i + LANES <= n) {
      acc0 = DoubleVector.fromArray(SPECIES, x, xOffset + i)
          .fma(DoubleVector.fromArray(SPECIES, y, yOffset + i), acc0);
      i += LANES;
    }
    double s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += x[xOffset + i] * y[yOffset + i];
    }
    return s;
  }

  @Override
  public void axpy(double a, double[] x, int xOffset, double[] y, int yOffset, int n) {
    int i = 0;
    for (; i + LANES <= n; i += LANES) {
      DoubleVector.fromArray(SPECIES, x, xOffset + i)
          .fma(DoubleVector.broadcast(SPECIES, a), DoubleVector.fromArray(SPECIES, y, yOffset + i))
          .intoArray(y, yOffset + i);
    }
    for (; i < n; i++) {
      y[yOffset + i] += a * x[xOffset + i];
    }
  }

  @Override
  public void scale(double a, double[] x, int xOffset, double[] y, int yOffset, int n) {
    int i = 0;
    for (; i + LANES <= n; i += LANES) {
      DoubleVector.fromArray(SPECIES, x, xOffset + i).mul(a).intoArray(y, yOffset + i);
    }
    for (; i < n; i++) {
      y[yOffset + i] = a * x[xOffset + i];
    }
  }

  @Override
  public String name() {
    return "vector" + LANES * Double.SIZE;
  }
}
