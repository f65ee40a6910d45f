package io.dpforge.client.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kernel against a naive triple loop, for scalar and vector kernels, on one and two threads. */
class CpuBackendTest {
  private static final double TOL = 1e-11;
  private static final CpuBackend[] BACKENDS = {
      CpuBackend.builder().threads(1).vectorApi(false).build(),
      CpuBackend.builder().threads(2).vectorApi(false).build(),
      CpuBackend.builder().threads(1).vectorApi(true).build(),
      CpuBackend.builder().threads(2).vectorApi(true).build(),
  };

  static Stream<CpuBackend> backends() {
    return Stream.of(BACKENDS);
  }

  @AfterAll
  static void close() {
    for (CpuBackend b : BACKENDS) {
      b.close();
    }
  }

  private static double[] random(SplittableRandom rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextDouble() * 2 - 1;
    }
    return a;
  }

  /** Shapes large enough to be split across threads and across cache blocks, with odd tails. */
  @ParameterizedTest(autoCloseArguments = false)
  @MethodSource("backends")
  void gemmMatchesNaiveProductInAllSupportedLayouts(CpuBackend backend) {
    SplittableRandom rng = new SplittableRandom(7);
    int m = 67;
    int n = 45;
    int k = 1203;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        if (ta && tb) {
          continue;
        }
        // Stored shapes, with padding columns (leading dimension > logical width) and offsets.
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        int lda = aCols + 3;
        int ldb = bCols + 1;
        int ldc = n + 2;
        double[] a = random(rng, 5 + aRows * lda);
        double[] b = random(rng, 2 + bRows * ldb);
        double[] c = random(rng, 4 + m * ldc);
        double[] expected = c.clone();
        double alpha = 0.7;
        double beta = -1.3;
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double s = 0;
            for (int kk = 0; kk < k; kk++) {
              double av = ta ? a[5 + kk * lda + i] : a[5 + i * lda + kk];
              double bv = tb ? b[2 + j * ldb + kk] : b[2 + kk * ldb + j];
              s += av * bv;
            }
            expected[4 + i * ldc + j] = alpha * s + beta * c[4 + i * ldc + j];
          }
        }
        backend.gemm(ta, tb, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, c, 4, ldc);
        assertArrayEquals(expected, c, 1e-10, "transposeA=" + ta + " transposeB=" + tb);
      }
    }
  }

  @ParameterizedTest(autoCloseArguments = false)
  @MethodSource("backends")
  void gemmWithZeroBetaIgnoresOldContent(CpuBackend backend) {
    double[] a = {1, 2, 3, 4};
    double[] b = {5, 6, 7, 8};
    double[] c = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    backend.gemm(false, false, 2, 2, 2, 1.0, a, 0, 2, b, 0, 2, 0.0, c, 0, 2);
    assertArrayEquals(new double[] {19, 22, 43, 50}, c, 0.0);
    backend.gemm(false, true, 2, 2, 2, 1.0, a, 0, 2, b, 0, 2, 0.0, c, 0, 2);
    assertArrayEquals(new double[] {17, 23, 39, 53}, c, 0.0);
    backend.gemm(true, false, 2, 2, 2, 1.0, a, 0, 2, b, 0, 2, 0.0, c, 0, 2);
    assertArrayEquals(new double[] {26, 30, 38, 44}, c, 0.0);
    assertThrows(IllegalArgumentException.class,
        () -> backend.gemm(true, true, 2, 2, 2, 1.0, a, 0, 2, b, 0, 2, 0.0, c, 0, 2));
  }

  @ParameterizedTest(autoCloseArguments = false)
  @MethodSource("backends")
  void rowOuterProductsWriteOneBlockPerRow(CpuBackend backend) {
    SplittableRandom rng = new SplittableRandom(3);
    int m = 300;
    int p = 7;
    int q = 33;
    int ldo = p * q + 5;
    double[] a = random(rng, m * p);
    double[] b = random(rng, m * (q + 1));
    double[] out = new double[2 + m * ldo];
    backend.rowOuterProducts(m, p, q, a, 0, p, b, 1, q + 1, out, 2, ldo);
    for (int i = 0; i < m; i++) {
      for (int r = 0; r < p; r++) {
        for (int c = 0; c < q; c++) {
          assertEquals(a[i * p + r] * b[1 + i * (q + 1) + c], out[2 + i * ldo + r * q + c], TOL);
        }
      }
      for (int pad = p * q; pad < ldo; pad++) {
        assertEquals(0.0, out[2 + i * ldo + pad], 0.0, "padding must stay untouched");
      }
    }
  }

  @ParameterizedTest(autoCloseArguments = false)
  @MethodSource("backends")
  void reductionsAndElementwiseOps(CpuBackend backend) {
    SplittableRandom rng = new SplittableRandom(11);
    int m = 513;
    int n = 131;
    double[] x = random(rng, m * n);
    double[] w = random(rng, m);
    double[] out = random(rng, n);
    double[] expected = new double[n];
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < m; i++) {
        s += w[i] * x[i * n + j];
      }
      expected[j] = s + 0.5 * out[j];
    }
    backend.weightedRowSum(m, n, w, 0, x, 0, n, 0.5, out, 0);
    assertArrayEquals(expected, out, 1e-10);

    double[] norms = new double[m];
    backend.rowSquaredNorms(m, n, x, 0, n, norms);
    for (int i = 0; i < m; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += x[i * n + j] * x[i * n + j];
      }
      assertEquals(s, norms[i], 1e-10);
    }

    double[] copy = new double[m * (n + 1)];
    backend.copy(m, n, x, 0, n, copy, 1, n + 1);
    backend.addToRows(m, n, w, 0, copy, 1, n + 1);
    assertEquals(x[5 * n + 3] + w[3], copy[1 + 5 * (n + 1) + 3], TOL);

    double[] t = x.clone();
    backend.activate(Activation.TANH, m, n, t, 0, n);
    assertEquals(Math.tanh(x[17]), t[17], TOL);
    double[] delta = new double[m * n];
    java.util.Arrays.fill(delta, 2.0);
    backend.multiplyByDerivative(Activation.TANH, m, n, t, 0, n, delta, 0, n);
    assertEquals(2.0 * (1 - Math.tanh(x[17]) * Math.tanh(x[17])), delta[17], TOL);
    double[] r = x.clone();
    backend.activate(Activation.RELU, m, n, r, 0, n);
    for (int i = 0; i < r.length; i++) {
      assertEquals(Math.max(0, x[i]), r[i], 0.0);
    }
  }
}
