package io.dpforge.decentralized.graph;

/**
 * Edge activations per "round" of n gradients (one per node), the communication cost that the DADAO
 * paper compares across methods (Nabli &amp; Oyallon 2023, §4, Table 2; reference notebook utility).
 * With χ = λ_max/λ_min⁺ and γ = 1/χ of the unweighted Laplacian L_G:
 *
 * <ul>
 *   <li>ADOM+ (Kovalev et al. 2021): one gossip over all |E| edges per round;
 *   <li>ADOM+ with multi-consensus: |E|·⌈χ·ln 2⌉;
 *   <li>MSDA (Scaman et al. 2017): Chebyshev gossip of ⌊1/√γ⌋ rounds over all edges;
 *   <li>DADAO and the continuized method: λ_mix = √(2χ1[L_p]χ2[L_p]) edge events per unit time,
 *       during which the n nodes compute n gradients in expectation (rounded down).
 * </ul>
 */
public record EdgesPerRound(long adomPlus, long adomPlusMultiConsensus, long msda, long dadao) {
  /** Guards ⌊·⌋ and ⌈·⌉ against round-off in values that are integers in exact arithmetic. */
  private static final double ROUNDING_SLACK = 1e-9;

  public static EdgesPerRound of(Graph g) {
    Spectrum lg = Spectrum.unweighted(g);
    long edges = g.edgeCount();
    double chi = lg.conditionNumber();
    long mc = (long) Math.ceil(chi * Math.log(2) - ROUNDING_SLACK);
    long chebyshev = (long) Math.floor(Math.sqrt(chi) + ROUNDING_SLACK);
    long dadao = (long) Math.floor(EdgeRates.uniform(g).total() + ROUNDING_SLACK);
    return new EdgesPerRound(edges, edges * mc, edges * chebyshev, dadao);
  }
}
