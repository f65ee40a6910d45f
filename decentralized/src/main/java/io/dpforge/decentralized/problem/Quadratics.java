package io.dpforge.decentralized.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Per-node separable quadratics f_i(x) = ½ (x − b_i)ᵀ diag(a_i) (x − b_i), the convergence check of
 * the research brief (T-A2): a_i ~ U[aMin, aMax]^d and b_i ~ N(0, 1)^d, so L = max a, μ = min a and
 * x* = (Σ a_i)⁻¹ Σ a_i b_i coordinate-wise. The nodes' optima differ, so consensus is needed.
 */
public final class Quadratics {
  private Quadratics() {}

  /** One node's quadratic. */
  public record Objective(double[] curvature, double[] centre) implements LocalObjective {
    @Override
    public int dim() {
      return centre.length;
    }

    @Override
    public void gradient(double[] x, double[] out) {
      for (int k = 0; k < centre.length; k++) {
        out[k] = curvature[k] * (x[k] - centre[k]);
      }
    }
  }

  /**
   * Seeded random quadratics.
   *
   * @param aMin lower end of the uniform curvature range (> 0)
   * @param aMax upper end (κ ≈ aMax/aMin for large n·d)
   */
  public static Problem random(int nodes, int dim, double aMin, double aMax, long seed) {
    if (!(aMin > 0) || !(aMax >= aMin)) {
      throw new IllegalArgumentException("need 0 < aMin <= aMax, got " + aMin + ", " + aMax);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<LocalObjective> locals = new ArrayList<>(nodes);
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    double[] weightSum = new double[dim];
    double[] weightedCentre = new double[dim];
    for (int i = 0; i < nodes; i++) {
      double[] a = new double[dim];
      double[] b = new double[dim];
      for (int k = 0; k < dim; k++) {
        a[k] = aMin + (aMax - aMin) * rng.nextDouble();
        b[k] = gaussian(rng);
        lo = Math.min(lo, a[k]);
        hi = Math.max(hi, a[k]);
        weightSum[k] += a[k];
        weightedCentre[k] += a[k] * b[k];
      }
      locals.add(new Objective(a, b));
    }
    double[] opt = new double[dim];
    for (int k = 0; k < dim; k++) {
      opt[k] = weightedCentre[k] / weightSum[k];
    }
    String name = String.format("quadratic(d=%d, a~U[%s,%s])", dim, plain(aMin), plain(aMax));
    return new Problem(name, locals, hi, lo, opt);
  }

  /** A standard normal draw (Marsaglia polar method) from a seeded, non-cryptographic stream. */
  static double gaussian(SplittableRandom rng) {
    double u;
    double v;
    double s;
    do {
      u = 2 * rng.nextDouble() - 1;
      v = 2 * rng.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
