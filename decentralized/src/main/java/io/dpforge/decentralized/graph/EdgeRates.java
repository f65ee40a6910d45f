package io.dpforge.decentralized.graph;

import java.util.Arrays;

/**
 * Per-edge Poisson rates λ_ij of the communication clocks, in events per time unit (one time unit =
 * the expected time between two gradient events of a node).
 *
 * <p>The rule of the DADAO reference code ({@code main.py}; Nabli &amp; Oyallon 2023, §3): with edge
 * probabilities p (uniform p_e = 1/|E| by default) and L_p = Σ p_e a_e a_eᵀ, the total rate is
 * λ_mix = √(2·χ1[L_p]·χ2[L_p]) so that Λ = λ_mix·L_p satisfies 2·χ1[Λ]·χ2[Λ] = 1, the sufficient
 * condition of the theorem. Then λ_e = λ_mix·p_e.
 *
 * @param graph the graph the rates belong to
 * @param rates λ_e, indexed like the graph's edges
 * @param spectrum the spectrum of Λ = Σ λ_e a_e a_eᵀ (χ1[Λ] feeds DADAO's constants)
 */
public record EdgeRates(Graph graph, double[] rates, Spectrum spectrum) {

  /** Uniform edge probabilities scaled by the reference code's rule. */
  public static EdgeRates uniform(Graph g) {
    double[] p = new double[g.edgeCount()];
    Arrays.fill(p, 1.0 / g.edgeCount());
    return fromProbabilities(g, p);
  }

  /**
   * Rates λ_e = s·p_e with the smallest s for which 2·χ1[Λ]·χ2[Λ] ≤ 1, namely
   * s = √(2·χ1[L_p]·χ2[L_p]) (χ1 and χ2 scale as 1/s).
   */
  public static EdgeRates fromProbabilities(Graph g, double[] p) {
    double sum = 0;
    for (double v : p) {
      if (!(v >= 0)) {
        throw new IllegalArgumentException("edge probabilities must be >= 0, got " + v);
      }
      sum += v;
    }
    double[] normalised = new double[p.length];
    for (int e = 0; e < p.length; e++) {
      normalised[e] = p[e] / sum;
    }
    Spectrum sp = Spectrum.of(g, normalised);
    double total = totalRate(sp);
    double[] rates = new double[p.length];
    for (int e = 0; e < p.length; e++) {
      rates[e] = total * normalised[e];
    }
    return new EdgeRates(g, rates, Spectrum.of(g, rates));
  }

  /** √(2·χ1·χ2) of the spectrum of L_p: the total edge rate that makes 2·χ1[Λ]·χ2[Λ] = 1. */
  public static double totalRate(Spectrum ofProbabilities) {
    return Math.sqrt(2 * ofProbabilities.chi1() * ofProbabilities.chi2());
  }

  /** Σ_e λ_e: the expected number of communications per time unit (= Tr(Λ)/2). */
  public double total() {
    double s = 0;
    for (double r : rates) {
      s += r;
    }
    return s;
  }

  public double rate(int edge) {
    return rates[edge];
  }
}
