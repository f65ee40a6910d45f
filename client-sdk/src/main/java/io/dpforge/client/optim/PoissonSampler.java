package io.dpforge.client.optim;

import io.dpforge.dp.random.Randomness;
import java.util.Arrays;

/**
 * Poisson sampling: every example joins the batch independently with probability q, the sampling whose
 * privacy amplification the subsampled-Gaussian accountants assume (Mironov, Talwar and Zhang 2019;
 * Opacus' {@code UniformWithReplacementSampler}). The batch size is random and may be 0.
 *
 * <p>Each inclusion is decided exactly from the privacy randomness: example i joins when 53 uniform
 * bits, read as an integer, fall below ⌊q·2⁵³⌋. The realised rate ⌊q·2⁵³⌋/2⁵³ is never above q, and the
 * subsampled Gaussian's privacy loss grows with the rate, so accounting with q is conservative.
 */
final class PoissonSampler {
  private static final double TWO_TO_53 = 0x1p53;

  private PoissonSampler() {}

  /** Indices of the sampled examples among {@code n}, increasing; all of them when q = 1. */
  static int[] sample(int n, double q, Randomness randomness) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("sampling rate must be in (0, 1], got " + q);
    }
    if (q == 1.0) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    long threshold = (long) Math.floor(q * TWO_TO_53);
    int[] chosen = new int[Math.max(16, (int) Math.min(n, 2 * q * n + 64))];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if ((randomness.nextLong() >>> 11) < threshold) {
        if (count == chosen.length) {
          chosen = Arrays.copyOf(chosen, Math.min(n, 2 * chosen.length));
        }
        chosen[count++] = i;
      }
    }
    return Arrays.copyOf(chosen, count);
  }
}
