package io.dpforge.federated.secagg;

/**
 * The neighbour degree k and Shamir threshold t of one cohort, with the failure probabilities they
 * guarantee under a {@link ThreatModel}. For a cohort of n with c = ⌊γn⌋ colluders and D = ⌊δn⌋
 * dropouts, all three by union bounds over the members and exact hypergeometric tails (the graph is
 * drawn after the colluders are fixed, independently of who drops):
 *
 * <ul>
 *   <li><b>Threshold privacy.</b> The server learns an honest survivor's self-mask seed b_u by design, so
 *       the colluders must not hold t shares of its mask key s_u: P₁ = n·P[Hyp(n−1, c, k) ≥ t].</li>
 *   <li><b>Connectivity.</b> The server can strip masks between honest survivors only around a removed
 *       member, so it learns sums over the connected pieces of the graph of honest survivors. In the
 *       Harary ring that graph is connected unless k/2 consecutive positions are all colluders or
 *       dropouts: P₂ ≤ n·C(c+D, k/2)/C(n, k/2); P₂ = 0 for the complete graph.</li>
 *   <li><b>Correctness.</b> Every secret the server must rebuild needs t shares from neighbours still
 *       answering: P₃ = n·P[Hyp(n−1, D, k) > k − t].</li>
 *   <li><b>A sum, not an update.</b> The server unmasks only when at least max(t, c + 2) masked inputs
 *       arrived, so the sum it learns always covers at least two honest clients.</li>
 * </ul>
 *
 * {@link #choose} takes the smallest k (the least client work) for which some t gives P₁ + P₂ ≤ 2^−σ and
 * P₃ ≤ 2^−η, and the middle of the feasible range of t, so the margin is split between more colluders and
 * more dropouts than stated.
 *
 * @param members n
 * @param degree k (n − 1: the complete graph)
 * @param threshold t
 * @param minimumSurvivors the fewest masked inputs the server may unmask: max(t, c + 2)
 * @param privacyFailure P₁ + P₂
 * @param correctnessFailure P₃
 */
public record GraphChoice(int members, int degree, int threshold, int minimumSurvivors, double privacyFailure,
    double correctnessFailure) {

  public boolean complete() {
    return degree >= members - 1;
  }

  /**
   * The cheapest graph that meets the threat model.
   *
   * @throws IllegalArgumentException when even the complete graph cannot (too many colluders plus dropouts
   *     for this cohort size)
   */
  public static GraphChoice choose(int n, ThreatModel m) {
    if (n < 2) {
      throw new IllegalArgumentException("secure aggregation needs cohorts of at least 2 clients, got " + n);
    }
    Hypergeometric h = new Hypergeometric(n);
    double privacyBound = Math.pow(2, -m.securityBits());
    double correctnessBound = Math.pow(2, -m.correctnessBits());
    int c = m.colluders(n);
    int d = m.dropouts(n);
    for (int k = 2; ; k += 2) {
      int degree = Math.min(k, n - 1);
      double connectivity = degree >= n - 1 ? 0 : n * h.allDrawn(n, c + d, degree / 2);
      double[] collusionTail = h.upperTail(n - 1, c, degree);
      double[] dropoutTail = h.upperTail(n - 1, d, degree);
      int tMin = -1;
      int tMax = -1;
      for (int t = 1; t <= degree && Math.max(t, c + 2) <= n - d; t++) {
        double p1 = n * collusionTail[t] + connectivity;
        double p3 = n * dropoutTail[degree - t + 1];
        if (p1 <= privacyBound && tMin < 0) {
          tMin = t;
        }
        if (p3 <= correctnessBound) {
          tMax = t;
        }
      }
      if (tMin > 0 && tMax >= tMin) {
        int t = (tMin + tMax + 1) / 2;
        return new GraphChoice(n, degree, t, Math.max(t, c + 2), n * collusionTail[t] + connectivity,
            n * dropoutTail[degree - t + 1]);
      }
      if (degree >= n - 1) {
        throw new IllegalArgumentException("a cohort of " + n + " cannot tolerate " + c + " colluding clients and "
            + d + " dropouts at 2^-" + m.securityBits() + " (even with the complete graph); lower the colluding or"
            + " dropout fraction, or use larger cohorts");
      }
    }
  }

  /**
   * A fixed degree and threshold, with the failure probabilities they give under the threat model.
   *
   * @throws IllegalArgumentException for a degree that is odd (below n − 1) or a threshold outside 1..k
   */
  public static GraphChoice fixed(int n, int degree, int threshold, ThreatModel m) {
    int k = Math.min(degree, n - 1);
    if (k < n - 1 && (k < 2 || k % 2 != 0)) {
      throw new IllegalArgumentException("the neighbour degree must be even and >= 2 (or >= n-1), got " + degree);
    }
    int t = Math.min(threshold, k);
    if (t < 1) {
      throw new IllegalArgumentException("the threshold must be >= 1, got " + threshold);
    }
    if (n < 2) {
      throw new IllegalArgumentException("secure aggregation needs cohorts of at least 2 clients, got " + n);
    }
    Hypergeometric h = new Hypergeometric(n);
    int c = m.colluders(n);
    double connectivity = k >= n - 1 ? 0 : n * h.allDrawn(n, c + m.dropouts(n), k / 2);
    double p1 = n * h.upperTail(n - 1, c, k)[t] + connectivity;
    double p3 = n * h.upperTail(n - 1, m.dropouts(n), k)[k - t + 1];
    return new GraphChoice(n, k, t, Math.max(t, c + 2), Math.min(1, p1), Math.min(1, p3));
  }

  /** Hypergeometric probabilities from log-factorials (exact up to floating point). */
  private static final class Hypergeometric {
    private final double[] logFactorial;

    Hypergeometric(int n) {
      logFactorial = new double[n + 2];
      for (int i = 2; i < logFactorial.length; i++) {
        logFactorial[i] = logFactorial[i - 1] + Math.log(i);
      }
    }

    private double logChoose(int a, int b) {
      if (b < 0 || b > a) {
        return Double.NEGATIVE_INFINITY;
      }
      return logFactorial[a] - logFactorial[b] - logFactorial[a - b];
    }

    /**
     * tail[x] = P[X ≥ x] for X ~ Hyp(population, successes, draws), x = 0..draws+1.
     */
    double[] upperTail(int population, int successes, int draws) {
      double[] tail = new double[draws + 2];
      double logTotal = logChoose(population, draws);
      for (int x = draws; x >= 0; x--) {
        double p = Math.exp(logChoose(successes, x) + logChoose(population - successes, draws - x) - logTotal);
        tail[x] = tail[x + 1] + p;
      }
      return tail;
    }

    /** P[all of `draws` fall among `marked`] when drawing without replacement from `population`. */
    double allDrawn(int population, int marked, int draws) {
      return Math.exp(logChoose(marked, draws) - logChoose(population, draws));
    }
  }
}
