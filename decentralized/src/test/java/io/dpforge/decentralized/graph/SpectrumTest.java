package io.dpforge.decentralized.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The research brief's table A2 (χ1, χ2 of L_p = L_G/|E| and λ_mix = √(2χ1χ2)) and table A5. */
class SpectrumTest {

  private static Graph graph(String family, int n) {
    return switch (family) {
      case "path" -> Graphs.path(n);
      case "cycle" -> Graphs.cycle(n);
      case "star" -> Graphs.star(n);
      case "complete" -> Graphs.complete(n);
      default -> throw new IllegalArgumentException(family);
    };
  }

  @ParameterizedTest
  @CsvSource({
      "path,     10,   9, 91.942781,  4.5, 28.766039",
      "cycle,    10,  10, 26.180340,  4.5, 15.350018",
      "star,     10,   9,  9.0,       4.5,  9.0",
      "complete, 10,  45,  4.5,       4.5,  6.363961",
      "path,     16,  15, 390.325758, 7.5, 76.517229",
      "cycle,    16,  16, 105.096569, 7.5, 39.704515",
      "star,     16,  15, 15.0,       7.5, 15.0",
      "complete, 16, 120,  7.5,       7.5, 10.606602",
      "path,      3,   2,  2.0,       1.0,  2.0",
  })
  void reproducesTableA2(String family, int n, int edges, double chi1, double chi2, double lambdaMix) {
    Graph g = graph(family, n);
    assertEquals(edges, g.edgeCount());
    double[] p = new double[edges];
    Arrays.fill(p, 1.0 / edges);
    Spectrum sp = Spectrum.of(g, p);
    // The table prints 6 decimals: compare to that precision, and exactly-known values to 1e-9 relative.
    assertEquals(chi1, sp.chi1(), 5e-7);
    assertEquals(chi2, sp.chi2(), 1e-9 * chi2);
    EdgeRates rates = EdgeRates.uniform(g);
    assertEquals(lambdaMix, rates.total(), 5e-7);
    // The rule makes 2·χ1[Λ]·χ2[Λ] = 1 exactly.
    assertEquals(0.5, rates.spectrum().chi1() * rates.spectrum().chi2(), 1e-9);
    assertTrue(sp.chi2() <= sp.chi1() * (1 + 1e-12));
  }

  @ParameterizedTest
  @CsvSource({"path, 10", "cycle, 10", "cycle, 16", "path, 16", "complete, 16", "star, 10"})
  void matchesClosedFormsTo1e9(String family, int n) {
    // χ1(L_p) = |E| / λ2(L_G); λ2 of a path is 2(1 − cos(π/n)), of a cycle 2(1 − cos(2π/n)), of K_n n
    // and of a star 1. Each edge of a tree has resistance 1 in L_G, each edge of an edge-transitive graph
    // (n − 1)/|E| (Foster's theorem); in L_p = L_G/|E| that is |E| times more, so χ2(L_p) = (n − 1)/2.
    Graph g = graph(family, n);
    double lambda2 = switch (family) {
      case "path" -> 2 * (1 - Math.cos(Math.PI / n));
      case "cycle" -> 2 * (1 - Math.cos(2 * Math.PI / n));
      case "complete" -> n;
      default -> 1;
    };
    double[] p = new double[g.edgeCount()];
    Arrays.fill(p, 1.0 / g.edgeCount());
    Spectrum sp = Spectrum.of(g, p);
    assertEquals(g.edgeCount() / lambda2, sp.chi1(), 1e-9 * sp.chi1());
    assertEquals((n - 1) / 2.0, sp.chi2(), 1e-9 * sp.chi2());
    double mix = Math.sqrt(2 * (g.edgeCount() / lambda2) * (n - 1) / 2.0);
    assertEquals(mix, EdgeRates.uniform(g).total(), 1e-9 * mix);
  }

  @ParameterizedTest
  @CsvSource({
      "path,      16,    15,  1080,   150,  76",
      "cycle,     16,    16,   304,    80,  39",
      "star,      16,    15,   180,    60,  15",
      "complete,  16,   120,   120,   120,  10",
      "star,     300,   299, 62192,  5083, 299",
      "complete, 300, 44850, 44850, 44850, 211",
  })
  void reproducesTableA5(String family, int n, long adom, long adomMc, long msda, long dadao) {
    EdgesPerRound r = EdgesPerRound.of(graph(family, n));
    assertEquals(new EdgesPerRound(adom, adomMc, msda, dadao), r);
  }

  @ParameterizedTest
  @CsvSource({"3", "7", "12"})
  void scalingTheLaplacianDividesChi(double s) {
    Graph g = Graphs.barbell(8);
    double[] w = new double[g.edgeCount()];
    for (int e = 0; e < w.length; e++) {
      w[e] = 1 + e % 3;
    }
    Spectrum a = Spectrum.of(g, w);
    double[] scaled = Arrays.stream(w).map(v -> v * s).toArray();
    Spectrum b = Spectrum.of(g, scaled);
    assertEquals(a.chi1() / s, b.chi1(), 1e-12 * a.chi1());
    assertEquals(a.chi2() / s, b.chi2(), 1e-12 * a.chi2());
  }
}
