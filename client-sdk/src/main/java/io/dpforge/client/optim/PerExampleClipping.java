package io.dpforge.client.optim;

import io.dpforge.client.compute.ComputeBackend;
import io.dpforge.client.compute.CpuBackend;
import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.Model;

/**
 * The one place where per-example contributions are bounded (as in Opacus, Yousefpour et al. 2021):
 * every private optimizer in this package sums clipped per-example vectors through this class, so the
 * L2 sensitivity of the sum is exactly the clipping norm C under adding or removing one example.
 *
 * <p>Two kinds of contribution: a gradient ∇f(w; x) (DP-SGD steps, SpiderBoost anchors, tree roots) and
 * a gradient difference ∇f(w; x) − ∇f(w′; x) (SpiderBoost variations, tree right children). Each is
 * scaled by min(1, C/‖v‖) (Abadi et al. 2016, §3.1). Per-example vectors are materialised in blocks of
 * at most {@value #BLOCK_DOUBLES} doubles and summed on the compute backend; the buffers are reused, so
 * an instance serves one training run at a time.
 */
final class PerExampleClipping {
  /** Doubles of per-example vectors held at once (32 MiB). */
  static final int BLOCK_DOUBLES = 1 << 22;

  private final Model model;
  private final ComputeBackend backend;
  private final int maxBlockRows;
  private double[] block = new double[0];
  private double[] previous = new double[0];
  private double[] norms = new double[0];
  private double[] scales = new double[0];

  PerExampleClipping(Model model, ComputeBackend backend) {
    this.model = model;
    this.backend = backend != null ? backend : CpuBackend.common();
    this.maxBlockRows = Math.max(1, BLOCK_DOUBLES / model.dimension());
  }

  /** out = Σ_i clip_C(∇f(w; x_i)) over the batch (overwritten). */
  void clippedGradientSum(double[] w, Dataset batch, double clipNorm, double[] out) {
    sum(w, null, batch, clipNorm, out);
  }

  /** out = Σ_i clip_C(∇f(w; x_i) − ∇f(w′; x_i)) over the batch (overwritten). */
  void clippedDifferenceSum(double[] w, double[] wPrevious, Dataset batch, double clipNorm, double[] out) {
    sum(w, wPrevious, batch, clipNorm, out);
  }

  private void sum(double[] w, double[] wPrevious, Dataset batch, double clipNorm, double[] out) {
    if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
      throw new IllegalArgumentException("clipping norm must be finite and > 0, got " + clipNorm);
    }
    int p = model.dimension();
    java.util.Arrays.fill(out, 0, p, 0.0);
    int blockRows = Math.min(maxBlockRows, batch.size());
    ensureCapacity(blockRows, wPrevious != null);
    for (int from = 0; from < batch.size(); from += blockRows) {
      Dataset rows = batch.slice(from, Math.min(batch.size(), from + blockRows));
      int m = rows.size();
      model.perExampleGradients(w, rows, block);
      if (wPrevious != null) {
        model.perExampleGradients(wPrevious, rows, previous);
        for (int k = 0; k < m * p; k++) {
          block[k] -= previous[k];
        }
      }
      clipScales(m, clipNorm);
      backend.weightedRowSum(m, p, scales, 0, block, 0, p, 1.0, out, 0);
    }
  }

  private void ensureCapacity(int rows, boolean differences) {
    int p = model.dimension();
    if (block.length < rows * p) {
      block = new double[rows * p];
      norms = new double[rows];
      scales = new double[rows];
    }
    if (differences && previous.length < rows * p) {
      previous = new double[rows * p];
    }
  }

  /** scales[i] = min(1, C/‖v_i‖) for the m vectors in {@link #block}. */
  private void clipScales(int m, double clipNorm) {
    backend.rowSquaredNorms(m, model.dimension(), block, 0, model.dimension(), norms);
    for (int i = 0; i < m; i++) {
      double norm = Math.sqrt(norms[i]);
      scales[i] = norm > clipNorm ? clipNorm / norm : 1.0;
    }
  }
}
