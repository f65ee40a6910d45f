package io.dpforge.dp.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import io.dpforge.dp.testing.GoodnessOfFit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Selection frequencies against their exact laws (chi-square, p &gt; 1e-4, fixed seeds). */
class SelectionTest {
  private static final double[] UTILITIES = {3, 1, 0, 2.5, -4, 3};
  private static final double EPSILON = 1.0;

  private static double[] exponentialProbabilities(double[] u, double factor, Set<Integer> excluded) {
    double[] p = new double[u.length];
    double total = 0;
    for (int i = 0; i < u.length; i++) {
      p[i] = excluded.contains(i) ? 0 : Math.exp(factor * u[i]);
      total += p[i];
    }
    for (int i = 0; i < u.length; i++) {
      p[i] /= total;
    }
    return p;
  }

  private static void assertFits(long[] counts, double[] p, int n, String what) {
    double pValue = GoodnessOfFit.chiSquarePValue(counts, p, n);
    assertTrue(pValue > 1e-4, what + ": p=" + pValue);
  }

  @Test
  void exponentialMechanismFollowsItsLaw() {
    ExponentialMechanism em = ExponentialMechanism.builder().epsilon(EPSILON).sensitivity(1)
        .randomness(Randomness.seededNotPrivate(1)).build();
    int n = 60_000;
    long[] counts = new long[UTILITIES.length];
    for (int i = 0; i < n; i++) {
      counts[em.select(UTILITIES)]++;
    }
    assertFits(counts, exponentialProbabilities(UTILITIES, EPSILON / 2, Set.of()), n, "EM");
  }

  @Test
  void monotoneExponentialMechanismUsesTheFullEpsilon() {
    ExponentialMechanism em = ExponentialMechanism.builder().epsilon(EPSILON).sensitivity(2).monotonic()
        .randomness(Randomness.seededNotPrivate(2)).build();
    int n = 60_000;
    long[] counts = new long[UTILITIES.length];
    for (int i = 0; i < n; i++) {
      counts[em.select(UTILITIES)]++;
    }
    assertFits(counts, exponentialProbabilities(UTILITIES, EPSILON / 2, Set.of()), n, "monotone EM");
  }

  /** Top-2: the first pick follows the EM law and the second the EM law without the first. */
  @Test
  void gumbelTopKIsPeelingExponential() {
    GumbelTopK top = GumbelTopK.builder().epsilon(EPSILON).sensitivity(1).k(2)
        .randomness(Randomness.seededNotPrivate(3)).build();
    int n = 60_000;
    long[] first = new long[UTILITIES.length];
    long[] secondGivenFirst0 = new long[UTILITIES.length];
    int firstWas0 = 0;
    for (int i = 0; i < n; i++) {
      int[] pick = top.select(UTILITIES);
      assertTrue(pick[0] != pick[1]);
      first[pick[0]]++;
      if (pick[0] == 0) {
        secondGivenFirst0[pick[1]]++;
        firstWas0++;
      }
    }
    assertFits(first, exponentialProbabilities(UTILITIES, EPSILON / 2, Set.of()), n, "top-k first");
    assertFits(secondGivenFirst0, exponentialProbabilities(UTILITIES, EPSILON / 2, Set.of(0)), firstWas0, "top-k second");
    assertEquals(2 * EPSILON * EPSILON / 8, top.cost().rho(), 1e-15);
    double eps = GumbelTopK.epsilonForRho(1.0 / 32, 2);
    assertEquals(1.0 / 32, 2 * eps * eps / 8, 1e-15);
    assertThrows(IllegalArgumentException.class, () -> top.select(new double[] {1}));
  }

  /**
   * Peeling measures each round against the best remaining candidate: with two dominant candidates
   * and a wide utility gap, the third pick is uniform over the rest (a sampler that kept the global
   * maximum as reference would accept with probability exp(-500) and never finish).
   */
  @Test
  void gumbelTopKPeelsPastDominantCandidates() {
    double[] u = new double[12];
    u[0] = 1000;
    u[1] = 900;
    GumbelTopK top = GumbelTopK.builder().epsilon(1).sensitivity(1).k(3)
        .randomness(Randomness.seededNotPrivate(5)).build();
    long[] third = new long[u.length];
    int n = 20_000;
    assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
      for (int i = 0; i < n; i++) {
        int[] pick = top.select(u);
        assertEquals(0, pick[0]);
        assertEquals(1, pick[1]);
        third[pick[2]]++;
      }
    });
    assertFits(third, exponentialProbabilities(u, 0.5, Set.of(0, 1)), n, "top-k third past dominant picks");
  }

  /** Two candidates u = (1, 0): permute-and-flip picks the worse one w.p. ½·exp(-ε/2). */
  @Test
  void permuteAndFlipFollowsItsLaw() {
    PermuteAndFlip pf = PermuteAndFlip.builder().epsilon(2).sensitivity(1).randomness(Randomness.seededNotPrivate(4)).build();
    int n = 100_000;
    long[] counts = new long[2];
    for (int i = 0; i < n; i++) {
      counts[pf.select(new double[] {1, 0})]++;
    }
    double worse = 0.5 * Math.exp(-1);
    assertFits(counts, new double[] {1 - worse, worse}, n, "PF");
  }

  /** Equal utilities: report-noisy-max is uniform, including its tie-breaking. */
  @Test
  void reportNoisyMaxIsUniformOnTiesAndPrefersTheMax() {
    ReportNoisyMax rnm = ReportNoisyMax.builder().epsilon(1).sensitivity(1).randomness(Randomness.seededNotPrivate(5)).build();
    int n = 30_000;
    long[] counts = new long[4];
    for (int i = 0; i < n; i++) {
      counts[rnm.select(new double[] {7, 7, 7, 7})]++;
    }
    assertFits(counts, new double[] {0.25, 0.25, 0.25, 0.25}, n, "RNM ties");
    // Two candidates 0 and Δ apart by 4 scales (scale 2Δ/ε = 2): P[pick worse] = P[L1 - L2 > 4].
    // For L1 - L2 with i.i.d. Laplace(b): P[X > t] = ½ e^{-t/b}(1 + t/(2b)); t = 4, b = 2 → e^{-2}.
    long worse = 0;
    for (int i = 0; i < n; i++) {
      if (rnm.select(new double[] {4, 0}) == 1) {
        worse++;
      }
    }
    double p = Math.exp(-2);
    assertEquals(p * n, worse, 4.5 * Math.sqrt(n * p * (1 - p)));
  }

  @Test
  void selectionsAreChargedToTheLedger() {
    PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.zcdp(1)).build();
    Randomness r = Randomness.seededNotPrivate(6);
    ExponentialMechanism.builder().epsilon(2).sensitivity(1).randomness(r).build().release(ledger, "best query", UTILITIES);
    GumbelTopK.builder().epsilon(1).sensitivity(1).k(3).randomness(r).build().release(ledger, "top 3", UTILITIES);
    PermuteAndFlip.builder().epsilon(0.5).sensitivity(1).randomness(r).build().release(ledger, "pf", UTILITIES);
    assertEquals(0.5 + 3.0 / 8 + 0.125, ledger.spent(), 1e-12);
    Set<String> mechanisms = new HashSet<>();
    ledger.entries().forEach(e -> mechanisms.add(e.mechanism()));
    assertEquals(Set.of("exponential", "gumbel-top-k", "permute-and-flip"), mechanisms);
  }

  @Test
  void badParametersAreRefusedWithTheirName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExponentialMechanism.builder().epsilon(-1).sensitivity(1).build());
    assertTrue(e.getMessage().contains("ExponentialMechanism ε"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ExponentialMechanism.builder().epsilon(1).sensitivity(1).build().select(new double[] {1, Double.NaN}));
  }
}
