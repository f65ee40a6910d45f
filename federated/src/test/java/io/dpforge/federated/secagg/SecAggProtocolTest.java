package io.dpforge.federated.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.federated.aggregate.CohortAbandonedException;
import io.dpforge.federated.aggregate.CohortSum;
import io.dpforge.federated.aggregate.ContributionBound;
import io.dpforge.federated.security.SignatureRejectedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole protocol between a real cohort and real clients: the unmasked sum is exactly the plain sum of
 * the quantised inputs that arrived, whatever drops out where, and a cohort that loses too many members is
 * abandoned.
 */
class SecAggProtocolTest {
  private static final int DIMENSION = 37;

  private static List<float[]> updates(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] u = new float[DIMENSION];
      for (int j = 0; j < DIMENSION; j++) {
        u[j] = (float) (r.nextGaussian() * 0.5);
      }
      out.add(u);
    }
    return out;
  }

  /** Drops the first ⌈fraction·n⌉ members of a shuffled order at the given round. */
  private static ProtocolRun.Drop[] drops(int n, double fraction, ProtocolRun.Drop where, long seed) {
    ProtocolRun.Drop[] d = new ProtocolRun.Drop[n];
    Arrays.fill(d, ProtocolRun.Drop.NONE);
    int[] order = new SplittableRandom(seed).ints(0, 1 << 30).limit(n).toArray();
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Integer.compare(order[a], order[b]));
    for (int k = 0; k < Math.round(fraction * n); k++) {
      d[idx[k]] = where;
    }
    return d;
  }

  private static CohortSum await(CompletionStage<CohortSum> s) throws Exception {
    return s.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Checks the sum against Σ of the survivors' quantised inputs, integer for integer. */
  private static void assertExactSum(ProtocolRun run, CohortSum sum, List<float[]> updates) {
    assertExactSum(run, sum, updates, true);
  }

  private static void assertExactSum(ProtocolRun run, CohortSum sum, List<float[]> updates, boolean unclipped) {
    Quantization q = run.outboxes.get(0).formed.quantization();
    Modulus m = q.modulus();
    long[] plain = new long[DIMENSION + Quantization.EXTRA];
    double[] reals = new double[DIMENSION];
    for (int i : run.inputsSent) {
      long[] x = run.clients.get(i).quantisedInput();
      for (int j = 0; j < plain.length; j++) {
        plain[j] = m.reduce(plain[j] + x[j]);
      }
      for (int j = 0; j < DIMENSION; j++) {
        reals[j] += updates.get(i)[j];
      }
    }
    assertArrayEquals(q.decode(plain).sum(), sum.sum(), 0.0, "unmasked sum differs from the plain integer sum");
    assertEquals(run.inputsSent.size(), sum.size());
    assertEquals(10L * run.inputsSent.size(), sum.examples());
    if (!unclipped) {
      return;
    }
    assertEquals(run.inputsSent.size(), sum.unclipped());
    // And the integers mean what they should: within one grid step per member of the real sum.
    double tolerance = run.inputsSent.size() * q.step();
    for (int j = 0; j < DIMENSION; j++) {
      assertEquals(reals[j], sum.sum()[j], tolerance);
    }
  }

  @Test
  void unmaskedSumIsExactWithNoneTenOrThirtyPercentDroppingAtEachRound() throws Exception {
    int n = 20;
    List<float[]> updates = updates(n, 1);
    SecAggSettings settings = SecAggSettings.defaults();
    ProtocolRun clean = new ProtocolRun(settings, n, DIMENSION, 11);
    assertExactSum(clean, await(clean.run(updates, drops(n, 0, ProtocolRun.Drop.NONE, 1), ContributionBound.NONE)),
        updates);
    assertEquals(n, clean.inputsSent.size());
    int seed = 12;
    for (ProtocolRun.Drop where : List.of(ProtocolRun.Drop.BEFORE_KEYS, ProtocolRun.Drop.BEFORE_SHARES,
        ProtocolRun.Drop.BEFORE_INPUT, ProtocolRun.Drop.BEFORE_REVEAL)) {
      for (double fraction : new double[] {0.1, 0.3}) {
        ProtocolRun run = new ProtocolRun(settings, n, DIMENSION, seed++);
        CohortSum sum = await(run.run(updates, drops(n, fraction, where, seed), ContributionBound.NONE));
        int expectedIn = where == ProtocolRun.Drop.BEFORE_REVEAL ? n : n - (int) Math.round(fraction * n);
        assertEquals(expectedIn, run.inputsSent.size(), where + " " + fraction);
        assertExactSum(run, sum, updates);
      }
    }
  }

  @Test
  void sparseNeighbourGraphUnmasksWithDropoutsSpreadOverAllRounds() throws Exception {
    int n = 40;
    List<float[]> updates = updates(n, 2);
    SecAggSettings settings = SecAggSettings.defaults().withGraph(8, 4);
    ProtocolRun run = new ProtocolRun(settings, n, DIMENSION, 21);
    ProtocolRun.Drop[] d = new ProtocolRun.Drop[n];
    Arrays.fill(d, ProtocolRun.Drop.NONE);
    int[] where = {3, 17, 29, 5, 22, 36, 11, 31};
    ProtocolRun.Drop[] stages = {ProtocolRun.Drop.BEFORE_KEYS, ProtocolRun.Drop.BEFORE_SHARES,
        ProtocolRun.Drop.BEFORE_INPUT, ProtocolRun.Drop.BEFORE_REVEAL};
    for (int i = 0; i < where.length; i++) {
      d[where[i]] = stages[i % 4];
    }
    CohortSum sum = await(run.run(updates, d, ContributionBound.NONE));
    GraphChoice g = run.cohort.graph().orElseThrow();
    assertEquals(8, g.degree());
    assertEquals(8, run.outboxes.get(0).formed.neighbours().length);
    assertEquals(n - 6, run.inputsSent.size());
    assertExactSum(run, sum, updates);
  }

  @Test
  void anInputAlteredInTransitIsRefusedAndTheCohortGoesOnWithoutIt() throws Exception {
    int n = 8;
    List<float[]> updates = updates(n, 5);
    ProtocolRun run = new ProtocolRun(SecAggSettings.defaults(), n, DIMENSION, 61);
    ProtocolRun.Drop[] d = drops(n, 0, ProtocolRun.Drop.NONE, 1);
    d[3] = ProtocolRun.Drop.TAMPERED_INPUT;
    CohortSum sum = await(run.run(updates, d, ContributionBound.NONE));
    assertInstanceOf(SignatureRejectedException.class, run.outboxes.get(3).rejected);
    assertEquals(n - 1, sum.size());
    assertExactSum(run, sum, updates);
  }

  @Test
  void moreDropoutsThanTheThresholdAbandonTheCohort() throws Exception {
    int n = 10;
    List<float[]> updates = updates(n, 3);
    SecAggSettings settings = SecAggSettings.defaults();
    assertEquals(4, settings.graphFor(n).threshold());
    // Six of ten drop after sharing: four masked inputs arrive (the minimum), but each survivor's seed has
    // only three other survivors to reveal shares of it, fewer than t = 4.
    ProtocolRun late = new ProtocolRun(settings, n, DIMENSION, 31);
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> await(late.run(updates, drops(n, 0.6, ProtocolRun.Drop.BEFORE_INPUT, 3), ContributionBound.NONE)));
    assertInstanceOf(CohortAbandonedException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("fewer than 4 revealed shares"), e.getCause().getMessage());
    // Seven drop: fewer masked inputs than the minimum, so nothing is even asked to be revealed.
    ProtocolRun early = new ProtocolRun(settings, n, DIMENSION, 32);
    e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> await(early.run(updates, drops(n, 0.7, ProtocolRun.Drop.BEFORE_INPUT, 4), ContributionBound.NONE)));
    assertTrue(e.getCause().getMessage().contains("only 3 of 10 members sent masked inputs"), e.getCause().getMessage());
    for (ProtocolRun.Recorder r : early.outboxes) {
      assertEquals(null, r.survivors, "no member is asked to reveal shares");
    }
  }

  @Test
  void centralDpBoundIsAppliedBeforeMaskingAndCountsTheMembersWithinIt() throws Exception {
    int n = 6;
    List<float[]> updates = updates(n, 4);
    float[] big = updates.get(0);
    for (int j = 0; j < DIMENSION; j++) {
      big[j] *= 100;
    }
    ProtocolRun run = new ProtocolRun(SecAggSettings.defaults(), n, DIMENSION, 41);
    ProtocolRun.Drop[] none = drops(n, 0, ProtocolRun.Drop.NONE, 1);
    CohortSum sum = await(run.run(updates, none, ContributionBound.l2(5.0)));
    Quantization q = run.outboxes.get(0).formed.quantization();
    assertEquals(5.0, q.clipNorm());
    assertEquals(5.0, q.valueRange());
    assertEquals(n - 1, sum.unclipped(), "one member's update was above the bound");
    long[] x = run.clients.get(0).quantisedInput();
    double sq = 0;
    double norm = 0;
    for (int j = 0; j < DIMENSION; j++) {
      double v = q.modulus().signed(x[j]) * q.step();
      sq += v * v;
      norm += (double) big[j] * big[j];
    }
    assertTrue(Math.sqrt(norm) > 5.0);
    assertTrue(Math.sqrt(sq) <= 5.0, "the rounded contribution stays within C: " + Math.sqrt(sq));
    assertTrue(Math.sqrt(sq) > 4.99, "and is scaled to (nearly) C: " + Math.sqrt(sq));
    assertExactSum(run, sum, updates, false);
  }

  @Test
  void theServersViewOfOneMaskedInputIsUniform() throws Exception {
    int n = 3;
    int d = 1 << 16;
    List<float[]> updates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] u = new float[d];
      for (int j = 0; j < d; j++) {
        u[j] = (float) Math.sin(j * 0.001) * 2; // a smooth, highly structured update
      }
      updates.add(u);
    }
    ProtocolRun run = new ProtocolRun(SecAggSettings.defaults(), n, d, 51);
    await(run.run(updates, drops(n, 0, ProtocolRun.Drop.NONE, 1), ContributionBound.NONE));
    byte[] seen = run.maskedBytes.get(0);
    // χ² with 255 degrees of freedom on each byte of the 32-bit values; 330.5 is the 0.1% critical value.
    for (int lane = 0; lane < 4; lane++) {
      double chi = chiSquare(seen, lane);
      assertTrue(chi < 330.5, "byte " + lane + " of the masked values is not uniform: χ² = " + chi);
    }
    // The same test rejects the unmasked values, so it has the power to see structure.
    long[] x = run.clients.get(0).quantisedInput();
    byte[] plain = run.outboxes.get(0).formed.quantization().modulus().encode(x, 0, x.length);
    assertTrue(chiSquare(plain, 3) > 10_000, "the unmasked input is far from uniform");
  }

  private static double chiSquare(byte[] values, int lane) {
    long[] counts = new long[256];
    int n = values.length / 4;
    for (int i = 0; i < n; i++) {
      counts[values[4 * i + lane] & 0xff]++;
    }
    double expected = n / 256.0;
    double chi = 0;
    for (long c : counts) {
      chi += (c - expected) * (c - expected) / expected;
    }
    return chi;
  }
}
