package io.dpforge.dp.continual;

import org.hipparchus.transform.DftNormalization;
import org.hipparchus.transform.FastFourierTransformer;
import org.hipparchus.transform.TransformType;

/**
 * Truncated power series in float64, multiplied by FFT: the lower-triangular Toeplitz matrices of the
 * square-root factorization are power series, and a product of Toeplitz matrices is a series product.
 */
final class PowerSeries {
  private PowerSeries() {}

  /** The first {@code n} coefficients of a(x)·b(x). */
  static double[] multiply(double[] a, double[] b, int n) {
    int size = 2;
    while (size < 2 * n - 1) {
      size <<= 1;
    }
    double[][] fa = spectrum(a, n, size);
    double[][] fb = spectrum(b, n, size);
    for (int i = 0; i < size; i++) {
      double re = fa[0][i] * fb[0][i] - fa[1][i] * fb[1][i];
      double im = fa[0][i] * fb[1][i] + fa[1][i] * fb[0][i];
      fa[0][i] = re;
      fa[1][i] = im;
    }
    FastFourierTransformer.transformInPlace(fa, DftNormalization.STANDARD, TransformType.INVERSE);
    double[] out = new double[n];
    System.arraycopy(fa[0], 0, out, 0, n);
    return out;
  }

  /** The first {@code n} coefficients of 1/a(x), refined by Newton steps h ← h·(2 − a·h) from a guess. */
  static double[] inverse(double[] a, double[] guess, int n, int newtonSteps) {
    double[] h = guess.clone();
    for (int step = 0; step < newtonSteps; step++) {
      double[] ah = multiply(a, h, n);
      for (int i = 0; i < n; i++) {
        ah[i] = -ah[i];
      }
      ah[0] += 2;
      h = multiply(h, ah, n);
    }
    return h;
  }

  private static double[][] spectrum(double[] a, int n, int size) {
    double[][] data = new double[2][size];
    System.arraycopy(a, 0, data[0], 0, Math.min(n, a.length));
    FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);
    return data;
  }
}
