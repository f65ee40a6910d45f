package io.dpforge.client.compute;

/**
 * Batched dense linear algebra over contiguous row-major {@code double} arrays: everything the models
 * need to compute losses, gradients and per-example gradients of a whole batch at once.
 *
 * <p>Every operation works on a matrix given as (array, offset of element [0,0], leading dimension =
 * distance between rows), the BLAS convention, so a backend can hand whole blocks to an accelerator.
 * The CPU backend ({@link CpuBackend}) is the first implementation; a GPU backend would implement the
 * same calls (gemm maps to cuBLAS {@code dgemm}, the rest to one small kernel each). Implementations are
 * thread-safe: models may call one backend from several threads.
 */
public interface ComputeBackend extends AutoCloseable {

  /** A short name for reports, e.g. {@code cpu-vector(2 threads)}. */
  String name();

  /**
   * General matrix product {@code C = alpha·op(A)·op(B) + beta·C} with {@code op(A)} of shape m×k,
   * {@code op(B)} of shape k×n and C of shape m×n. Supported: (A, B), (A, Bᵀ) and (Aᵀ, B); the
   * models never need (Aᵀ, Bᵀ). When {@code beta == 0} the old content of C is ignored (may be NaN).
   */
  void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha,
      double[] a, int aOffset, int lda, double[] b, int bOffset, int ldb,
      double beta, double[] c, int cOffset, int ldc);

  /**
   * Row-wise outer products, the core of per-example gradients of a dense layer: for each row i,
   * writes the p×q block {@code a_i ⊗ b_i} (row-major) at {@code out[outOffset + i·ldo]}.
   */
  void rowOuterProducts(int m, int p, int q, double[] a, int aOffset, int lda, double[] b, int bOffset,
      int ldb, double[] out, int outOffset, int ldo);

  /** {@code out = Σ_i w_i·x_i + beta·out} over the m rows of the m×n matrix x (a transposed gemv). */
  void weightedRowSum(int m, int n, double[] w, int wOffset, double[] x, int xOffset, int ldx, double beta,
      double[] out, int outOffset);

  /** {@code out[i] = ‖x_i‖²} for the m rows of the m×n matrix x. */
  void rowSquaredNorms(int m, int n, double[] x, int xOffset, int ldx, double[] out);

  /** Copies an m×n matrix. */
  void copy(int m, int n, double[] src, int srcOffset, int lds, double[] dst, int dstOffset, int ldd);

  /** Adds the vector v (length n) to each of the m rows of x. */
  void addToRows(int m, int n, double[] v, int vOffset, double[] x, int xOffset, int ldx);

  /** Applies the activation in place to an m×n matrix of pre-activations. */
  void activate(Activation activation, int m, int n, double[] x, int xOffset, int ldx);

  /**
   * Backpropagates through the activation: {@code delta[i][j] *= f'(z[i][j])}, with the derivative read
   * off the activation's output {@code out = f(z)} (the forward pass keeps only outputs).
   */
  void multiplyByDerivative(Activation activation, int m, int n, double[] out, int outOffset, int ldo,
      double[] delta, int deltaOffset, int ldd);

  /** Releases threads or device memory; the backend must not be used afterwards. */
  @Override
  void close();
}
