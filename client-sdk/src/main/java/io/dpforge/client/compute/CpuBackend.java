package io.dpforge.client.compute;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Multi-threaded CPU implementation of {@link ComputeBackend}.
 *
 * <p>Each operation splits its rows (for Aᵀ·B: its inner dimension, with one private partial result per
 * task) into at most {@code threads} contiguous ranges; the calling thread runs the first range and a
 * fork-join pool of {@code threads − 1} workers the others. Ranges are only split when each holds enough
 * work to pay for the hand-off. The matrix products are cache-blocked: the inner loops are dot products
 * and axpys over contiguous rows, done by {@link Kernels} (the Vector API version when the
 * {@code jdk.incubator.vector} module is present, see client-sdk/README.md for the measurement).
 */
public final class CpuBackend implements ComputeBackend {
  /** Work (multiply-adds) below which a range is not split further. */
  private static final long MIN_TASK_WORK = 1 << 15;
  /** Bytes of B kept hot in cache by the blocked products (about half a typical L2). */
  private static final int BLOCK_BYTES = 256 * 1024;

  private static volatile CpuBackend common;

  private final int threads;
  private final Kernels kernels;
  private final ForkJoinPool pool;
  private final boolean shared;

  private CpuBackend(int threads, Kernels kernels, boolean shared) {
    this.threads = threads;
    this.kernels = kernels;
    this.pool = threads > 1 ? new ForkJoinPool(threads - 1) : null;
    this.shared = shared;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A process-wide backend using every available processor, created on first use; its {@link #close()}
   * does nothing (its workers are daemon threads).
   */
  public static CpuBackend common() {
    CpuBackend c = common;
    if (c == null) {
      synchronized (CpuBackend.class) {
        c = common;
        if (c == null) {
          c = new CpuBackend(Runtime.getRuntime().availableProcessors(), defaultKernels(), true);
          common = c;
        }
      }
    }
    return c;
  }

  /** True when the Vector API module was added to this JVM ({@code --add-modules jdk.incubator.vector}). */
  public static boolean vectorApiAvailable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  private static Kernels defaultKernels() {
    return vectorApiAvailable() ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
  }

  public int threads() {
    return threads;
  }

  @Override
  public String name() {
    return "cpu-" + kernels.name() + " (" + threads + (threads == 1 ? " thread)" : " threads)");
  }

  @Override
  public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha,
      double[] a, int aOffset, int lda, double[] b, int bOffset, int ldb,
      double beta, double[] c, int cOffset, int ldc) {
    if (transposeA && transposeB) {
      throw new IllegalArgumentException("gemm with both operands transposed is not supported");
    }
    if (m == 0 || n == 0) {
      return;
    }
    if (transposeA) {
      gemmTn(m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    } else if (transposeB) {
      parallelFor(m, (long) n * k, (task, from, to) ->
          gemmNtRows(from, to, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc));
    } else {
      parallelFor(m, (long) n * k, (task, from, to) ->
          gemmNnRows(from, to, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc));
    }
  }

  /** Rows [from, to) of C = αAB + βC: axpys of B's rows, blocked over k so a slab of B stays in cache. */
  private void gemmNnRows(int from, int to, int n, int k, double alpha, double[] a, int aOffset, int lda,
      double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
    for (int i = from; i < to; i++) {
      scaleRow(beta, c, cOffset + i * ldc, n);
    }
    int kBlock = Math.max(1, BLOCK_BYTES / (Double.BYTES * n));
    for (int k0 = 0; k0 < k; k0 += kBlock) {
      int k1 = Math.min(k, k0 + kBlock);
      for (int i = from; i < to; i++) {
        int aRow = aOffset + i * lda;
        int cRow = cOffset + i * ldc;
        for (int kk = k0; kk < k1; kk++) {
          double aik = a[aRow + kk];
          if (aik != 0.0) {
            kernels.axpy(alpha * aik, b, bOffset + kk * ldb, c, cRow, n);
          }
        }
      }
    }
  }

  /** Rows [from, to) of C = αABᵀ + βC: dot products of rows, blocked over B's rows. */
  private void gemmNtRows(int from, int to, int n, int k, double alpha, double[] a, int aOffset, int lda,
      double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
    int jBlock = Math.max(1, BLOCK_BYTES / (Double.BYTES * Math.max(1, k)));
    for (int j0 = 0; j0 < n; j0 += jBlock) {
      int j1 = Math.min(n, j0 + jBlock);
      for (int i = from; i < to; i++) {
        int aRow = aOffset + i * lda;
        int cRow = cOffset + i * ldc;
        for (int j = j0; j < j1; j++) {
          double dot = alpha * kernels.dot(a, aRow, b, bOffset + j * ldb, k);
          c[cRow + j] = beta == 0.0 ? dot : dot + beta * c[cRow + j];
        }
      }
    }
  }

  /**
   * C = αAᵀB + βC, where the shared dimension k (the examples, for a gradient) is usually the long one:
   * each task sums its range of k into a private m×n partial, then the partials are added in task order
   * (deterministic for a fixed thread count).
   */
  private void gemmTn(int m, int n, int k, double alpha, double[] a, int aOffset, int lda,
      double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
    int tasks = taskCount(k, (long) m * n);
    double[][] partials = new double[tasks][];
    parallelFor(k, (long) m * n, (task, from, to) -> {
      double[] partial = new double[m * n];
      for (int kk = from; kk < to; kk++) {
        int aRow = aOffset + kk * lda;
        int bRow = bOffset + kk * ldb;
        for (int i = 0; i < m; i++) {
          double aki = a[aRow + i];
          if (aki != 0.0) {
            kernels.axpy(aki, b, bRow, partial, i * n, n);
          }
        }
      }
      partials[task] = partial;
    });
    for (int i = 0; i < m; i++) {
      int cRow = cOffset + i * ldc;
      scaleRow(beta, c, cRow, n);
      for (double[] partial : partials) {
        kernels.axpy(alpha, partial, i * n, c, cRow, n);
      }
    }
  }

  private void scaleRow(double beta, double[] c, int offset, int n) {
    if (beta == 0.0) {
      java.util.Arrays.fill(c, offset, offset + n, 0.0);
    } else if (beta != 1.0) {
      kernels.scale(beta, c, offset, c, offset, n);
    }
  }

  @Override
  public void rowOuterProducts(int m, int p, int q, double[] a, int aOffset, int lda, double[] b,
      int bOffset, int ldb, double[] out, int outOffset, int ldo) {
    parallelFor(m, (long) p * q, (task, from, to) -> {
      for (int i = from; i < to; i++) {
        int aRow = aOffset + i * lda;
        int bRow = bOffset + i * ldb;
        int outRow = outOffset + i * ldo;
        for (int r = 0; r < p; r++) {
          kernels.scale(a[aRow + r], b, bRow, out, outRow + r * q, q);
        }
      }
    });
  }

  @Override
  public void weightedRowSum(int m, int n, double[] w, int wOffset, double[] x, int xOffset, int ldx,
      double beta, double[] out, int outOffset) {
    parallelFor(n, m, (task, from, to) -> {
      scaleRow(beta, out, outOffset + from, to - from);
      for (int i = 0; i < m; i++) {
        double wi = w[wOffset + i];
        if (wi != 0.0) {
          kernels.axpy(wi, x, xOffset + i * ldx + from, out, outOffset + from, to - from);
        }
      }
    });
  }

  @Override
  public void rowSquaredNorms(int m, int n, double[] x, int xOffset, int ldx, double[] out) {
    parallelFor(m, n, (task, from, to) -> {
      for (int i = from; i < to; i++) {
        int row = xOffset + i * ldx;
        out[i] = kernels.dot(x, row, x, row, n);
      }
    });
  }

  @Override
  public void copy(int m, int n, double[] src, int srcOffset, int lds, double[] dst, int dstOffset, int ldd) {
    parallelFor(m, n, (task, from, to) -> {
      for (int i = from; i < to; i++) {
        System.arraycopy(src, srcOffset + i * lds, dst, dstOffset + i * ldd, n);
      }
    });
  }

  @Override
  public void addToRows(int m, int n, double[] v, int vOffset, double[] x, int xOffset, int ldx) {
    parallelFor(m, n, (task, from, to) -> {
      for (int i = from; i < to; i++) {
        kernels.axpy(1.0, v, vOffset, x, xOffset + i * ldx, n);
      }
    });
  }

  @Override
  public void activate(Activation activation, int m, int n, double[] x, int xOffset, int ldx) {
    parallelFor(m, 8L * n, (task, from, to) -> {
      for (int i = from; i < to; i++) {
        int row = xOffset + i * ldx;
        for (int j = 0; j < n; j++) {
          x[row + j] = activation.apply(x[row + j]);
        }
      }
    });
  }

  @Override
  public void multiplyByDerivative(Activation activation, int m, int n, double[] out, int outOffset, int ldo,
      double[] delta, int deltaOffset, int ldd) {
    parallelFor(m, n, (task, from, to) -> {
      for (int i = from; i < to; i++) {
        int oRow = outOffset + i * ldo;
        int dRow = deltaOffset + i * ldd;
        for (int j = 0; j < n; j++) {
          delta[dRow + j] *= activation.derivativeFromOutput(out[oRow + j]);
        }
      }
    });
  }

  @Override
  public void close() {
    if (pool != null && !shared) {
      pool.shutdown();
    }
  }

  /** Body of a parallel loop over [from, to); {@code task} numbers the ranges from 0. */
  @FunctionalInterface
  private interface RangeBody {
    void run(int task, int from, int to);
  }

  private int taskCount(int count, long workPerItem) {
    long byWork = Math.max(1, count * workPerItem / MIN_TASK_WORK);
    return (int) Math.min(Math.min(threads, count), byWork);
  }

  private void parallelFor(int count, long workPerItem, RangeBody body) {
    int tasks = taskCount(count, workPerItem);
    if (tasks <= 1) {
      body.run(0, 0, count);
      return;
    }
    ForkJoinTask<?>[] forked = new ForkJoinTask<?>[tasks - 1];
    for (int t = 1; t < tasks; t++) {
      int task = t;
      int from = (int) ((long) count * t / tasks);
      int to = (int) ((long) count * (t + 1) / tasks);
      forked[t - 1] = pool.submit(() -> body.run(task, from, to));
    }
    body.run(0, 0, (int) ((long) count / tasks));
    for (ForkJoinTask<?> f : forked) {
      f.join();
    }
  }

  /** Options for a CPU backend. */
  public static final class Builder {
    private int threads = Runtime.getRuntime().availableProcessors();
    private Boolean vectorApi;

    private Builder() {}

    /** Worker threads, including the caller (default: available processors). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Whether the inner loops use the Vector API (default: when the module is present). Asking for it
     * without the module fails here rather than deep inside a kernel.
     */
    public Builder vectorApi(boolean use) {
      if (use && !vectorApiAvailable()) {
        throw new IllegalStateException(
            "the Vector API needs the JVM option --add-modules jdk.incubator.vector");
      }
      this.vectorApi = use;
      return this;
    }

    public CpuBackend build() {
      Kernels k = vectorApi == null ? defaultKernels()
          : vectorApi ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
      return new CpuBackend(threads, k, false);
    }
  }
}
