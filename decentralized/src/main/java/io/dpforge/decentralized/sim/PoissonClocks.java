package io.dpforge.decentralized.sim;

import io.dpforge.decentralized.graph.EdgeRates;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The superposition of independent Poisson clocks: one of rate 1 per node (gradients) and one of rate
 * λ_e per edge (communications). The merged process has rate n + Σλ_e; each arrival belongs to a clock
 * with probability proportional to its rate (Nabli &amp; Oyallon 2023, §3). Seeded and reproducible.
 */
public final class PoissonClocks {
  private final int nodes;
  private final double[] cumulativeEdgeRates;
  private final double totalRate;
  private final SplittableRandom rng;
  private double time;

  public PoissonClocks(EdgeRates rates, long seed) {
    this.nodes = rates.graph().nodes();
    double[] r = rates.rates();
    this.cumulativeEdgeRates = new double[r.length];
    double acc = 0;
    for (int e = 0; e < r.length; e++) {
      acc += r[e];
      cumulativeEdgeRates[e] = acc;
    }
    this.totalRate = nodes + acc;
    this.rng = new SplittableRandom(seed);
  }

  /** The next event; the stream never ends. */
  public Event next() {
    time += -Math.log(1 - rng.nextDouble()) / totalRate;
    double u = rng.nextDouble() * totalRate;
    if (u < nodes) {
      return Event.gradient(time, Math.min((int) u, nodes - 1));
    }
    double w = u - nodes;
    int idx = Arrays.binarySearch(cumulativeEdgeRates, w);
    int edge = idx >= 0 ? idx + 1 : -idx - 1;
    return Event.communication(time, Math.min(edge, cumulativeEdgeRates.length - 1));
  }
}
