package io.dpforge.dp.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Analytic error of every counter, checked against its own noise matrix and the brief's constants. */
class CounterAnalysisTest {
  private static final NoiseGrid FINE = new NoiseGrid(30);

  private static NoiseGrid gridFor(CounterMechanism m) {
    return m.integerStrategy() ? NoiseGrid.INTEGERS : FINE;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tree", "honaker", "smooth", "sqrt", "blt:1", "blt:3", "blt:5"})
  void varianceCoefficientIsSensitivityTimesTheProbedRowNorm(String name) {
    for (long horizon : new long[] {37, 64}) {
      CounterMechanism m = CounterMechanisms.parse(name, horizon);
      NoiseMatrix b = NoiseMatrix.probe(m, gridFor(m));
      double sum = 0;
      double max = 0;
      for (int t = 1; t <= horizon; t++) {
        double v = m.sensitivitySquared() * b.rowNormSquared(t);
        assertEquals(v, m.varianceCoefficient(t), 1e-7 * v, name + " T=" + horizon + " t=" + t);
        sum += v;
        max = Math.max(max, v);
      }
      assertEquals(max, m.varianceSummary().max(), 1e-7 * max, name + " V_max");
      assertEquals(sum / horizon, m.varianceSummary().mean(), 1e-7 * max, name + " V_mean");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tree", "honaker", "smooth"})
  void treeSensitivityIsTheMostMeasuredNodesAStepLiesIn(String name) {
    for (long horizon : new long[] {37, 64, 200}) {
      CounterMechanism m = CounterMechanisms.parse(name, horizon);
      List<Long> nodes = NoiseMatrix.probe(m, NoiseGrid.INTEGERS).coordinates;
      int most = 0;
      for (long t = 1; t <= horizon; t++) {
        long leaf = m instanceof SmoothBinaryMechanism s ? s.leafOfStep(t) : t - 1;
        int containing = 0;
        for (long node : nodes) {
          int level = (int) (node & 63);
          if ((leaf >> level) == (node >>> 6)) {
            containing++;
          }
        }
        most = Math.max(most, containing);
      }
      assertEquals(most, m.sensitivitySquared(), name + " T=" + horizon);
      assertEquals(most, m.l1Sensitivity().orElseThrow(), name + " L1");
    }
  }

  @Test
  void bltClosedFormsMatchTheStreamingRecurrence() {
    long horizon = 4096;
    BltParameters p = BltFit.minimizeMaxVariance(3, horizon);
    int m = p.buffers();
    // c_k by streaming an impulse through C; b_k by streaming it through C⁻¹ and accumulating.
    double[] powers = new double[m];
    java.util.Arrays.fill(powers, 1.0);
    double sens = 1;
    for (int k = 1; k < horizon; k++) {
      double c = 0;
      for (int j = 0; j < m; j++) {
        c += p.scale(j) * powers[j];
        powers[j] *= p.decay(j);
      }
      sens += c * c;
    }
    double[] buffers = new double[m];
    double b = 0;
    double cumulative = 0;
    double sumOfCumulative = 0;
    BltAnalysis analysis = new BltAnalysis(p, horizon);
    for (int k = 0; k < horizon; k++) {
      double feedback = 0;
      for (int j = 0; j < m; j++) {
        feedback += p.scale(j) * buffers[j];
      }
      double out = (k == 0 ? 1 : 0) - feedback;
      for (int j = 0; j < m; j++) {
        buffers[j] = p.decay(j) * buffers[j] + out;
      }
      b += out;
      cumulative += b * b;
      sumOfCumulative += cumulative;
      if (k == 0 || k == 9 || k == 999 || k == horizon - 1) {
        assertEquals(cumulative, analysis.rowNormSquared(k + 1), 1e-9 * cumulative, "S(" + (k + 1) + ")");
      }
    }
    assertEquals(sens, analysis.sensitivitySquared(), 1e-10 * sens);
    assertEquals(sumOfCumulative / horizon, analysis.meanRowNormSquared(), 1e-9 * cumulative);
  }

  /** The brief's summary table at T = 2^20 (research brief, "Summary table" and §b.7). */
  @Test
  void constantsAtTwoToTheTwentyMatchTheBrief() {
    long horizon = 1L << 20;
    assertEquals(30.02, FactorizationBounds.optimalMaxVariance(horizon), 0.005);
    assertEquals(26.16, FactorizationBounds.meanVarianceLowerBound(horizon), 0.005);
    assertSummary("sqrt", 30.02, 28.28, 0.005);
    assertSummary("tree", 420, 210, 1e-3); // exactly 21·(10·2^20 + 1)/2^20
    assertSummary("honaker", 226.9, 113.4, 0.05);
    assertEquals(5.47899, SquareRootMechanism.withHorizon(horizon).sensitivitySquared(), 1e-5);
    double[] bltMax = {144.74, 44.53, 33.48, 30.96};
    for (int m = 1; m <= 4; m++) {
      assertEquals(bltMax[m - 1], CounterMechanisms.parse("blt:" + m, horizon).varianceSummary().max(), 0.01 * m,
          "blt:" + m);
    }
    double sqrtMax = FactorizationBounds.optimalMaxVariance(horizon);
    double meanBound = FactorizationBounds.meanVarianceLowerBound(horizon);
    for (int m = 4; m <= 5; m++) {
      VarianceSummary s = CounterMechanisms.parse("blt:" + m, horizon).varianceSummary();
      assertTrue(s.max() / sqrtMax <= 1.05, "blt:" + m + " V_max ratio " + s.max() / sqrtMax);
      assertTrue(s.mean() / meanBound <= 1.15, "blt:" + m + " V_mean ratio " + s.mean() / meanBound);
    }
    assertTrue(CounterMechanisms.parse("blt:5", horizon).varianceSummary().max() / sqrtMax <= 1.01);
    SmoothBinaryMechanism smooth = SmoothBinaryMechanism.withHorizon(horizon);
    assertEquals(154, smooth.varianceSummary().max());
    assertEquals(List.of(23, 10), List.of(smooth.height(), smooth.ones()));
  }

  private static void assertSummary(String name, double max, double mean, double tolerance) {
    VarianceSummary s = CounterMechanisms.parse(name, 1L << 20).varianceSummary();
    assertEquals(max, s.max(), tolerance, name + " V_max");
    assertEquals(mean, s.mean(), tolerance, name + " V_mean");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tree", "honaker", "smooth", "sqrt", "blt:4"})
  void aSavedStreamResumesWithIdenticalReleases(String name) {
    long horizon = 300;
    CounterMechanism m = CounterMechanisms.parse(name, horizon);
    NoiseGrid grid = gridFor(m);
    NoiseDraws draws = c -> (mix(c) % 2001) - 1000;
    SplittableRandom counts = new SplittableRandom(7);
    long[] x = counts.longs(horizon, 0, 50).toArray();
    CounterStream straight = m.open(grid, draws);
    double[] expected = new double[(int) horizon];
    for (int t = 0; t < horizon; t++) {
      expected[t] = straight.release(x[t]);
    }
    CounterStream resumed = m.open(grid, draws);
    double[] actual = new double[(int) horizon];
    for (int t = 0; t < horizon; t++) {
      if (t % 37 == 5) {
        resumed = m.restore(resumed.saveState(), grid, draws);
      }
      actual[t] = resumed.release(x[t]);
    }
    assertArrayEquals(expected, actual, name);
    assertTrue(straight.saveState().length <= m.stateSize().maxSavedBytes(), name + " state size");
    assertThrows(IllegalStateException.class, () -> straight.release(0), name + " past the horizon");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tree", "honaker", "smooth", "sqrt", "blt:2"})
  void withoutNoiseAStreamReleasesTheExactRunningCount(String name) {
    long horizon = 500;
    CounterMechanism m = CounterMechanisms.parse(name, horizon);
    CounterStream s = m.open(gridFor(m), c -> 0);
    SplittableRandom counts = new SplittableRandom(3);
    long sum = 0;
    for (int t = 0; t < horizon; t++) {
      long x = counts.nextLong(0, 1_000_000);
      sum += x;
      // BLT snaps its measurement to the grid: the residual moves a release by far less than 1e-6.
      assertEquals(sum, s.release(x), 1e-6, name + " step " + (t + 1));
    }
  }

  @Test
  void aStateIsNeverRestoredUnderAnotherMechanism() {
    byte[] tree = BinaryTreeMechanism.withHorizon(10).open(NoiseGrid.INTEGERS, c -> 0).saveState();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HonakerTreeMechanism.withHorizon(10).restore(tree, NoiseGrid.INTEGERS, c -> 0));
    assertTrue(e.getMessage().contains("tree/1"), e.getMessage());
    byte[] blt = BltMechanism.fitted(2, 10).open(FINE, c -> 0).saveState();
    assertThrows(IllegalArgumentException.class, () -> BltMechanism.fitted(3, 10).restore(blt, FINE, c -> 0));
    assertThrows(IllegalArgumentException.class,
        () -> BinaryTreeMechanism.withHorizon(10).open(FINE, c -> 0), "trees measure integers");
  }

  @Test
  void namesParseAndUnknownNamesAreRefused() {
    assertEquals("blt:4", CounterMechanisms.parse("blt", 64).name());
    assertEquals("blt:2", CounterMechanisms.parse("BLT:2", 64).name());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CounterMechanisms.parse("fft", 64));
    assertTrue(e.getMessage().contains("tree, honaker, smooth, sqrt, blt"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CounterMechanisms.parse("blt:x", 64));
    assertThrows(IllegalArgumentException.class, () -> CounterMechanisms.parse("tree", 0));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return (z ^ (z >>> 33)) & Long.MAX_VALUE;
  }
}
