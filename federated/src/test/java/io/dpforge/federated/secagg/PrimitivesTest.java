package io.dpforge.federated.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The building blocks of secure aggregation, against independent computations. */
class PrimitivesTest {
  private static final SecureRandom RANDOM = ProtocolRun.seeded(5);
  private static final BigInteger P = BigInteger.ONE.shiftLeft(61).subtract(BigInteger.ONE);

  @Test
  void mersenneFieldArithmeticMatchesBigInteger() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      long a = r.nextLong(ShamirSharing.P);
      long b = i < 5 ? ShamirSharing.P - 1 - i : r.nextLong(ShamirSharing.P);
      assertEquals(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(P).longValueExact(),
          ShamirSharing.mul(a, b));
    }
    long x = 123456789012345L;
    assertEquals(1, ShamirSharing.mul(x, ShamirSharing.inverse(x)));
  }

  @Test
  void anyThresholdSharesRebuildTheSecretAndFewerDoNot() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    int[] xs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89};
    ShamirSharing.Share[] shares = ShamirSharing.split(secret, 4, xs, RANDOM);
    List<ShamirSharing.Share> pick = new ArrayList<>(List.of(shares[9], shares[2], shares[6], shares[0]));
    assertArrayEquals(secret, ShamirSharing.reconstruct(pick, 4));
    assertArrayEquals(secret, ShamirSharing.reconstruct(List.of(shares).subList(3, 10), 4));
    // Three shares interpolate a degree-2 polynomial through them: not the secret.
    byte[] wrong;
    try {
      wrong = ShamirSharing.reconstruct(pick.subList(0, 3), 3);
    } catch (IllegalArgumentException e) {
      wrong = new byte[0];
    }
    assertFalse(Arrays.equals(secret, wrong));
    ShamirSharing.Share[] again = ShamirSharing.split(secret, 4, xs, RANDOM);
    assertNotEquals(shares[0].y()[0], again[0].y()[0], "fresh coefficients every time");
    assertThrows(IllegalArgumentException.class, () -> ShamirSharing.reconstruct(pick.subList(0, 3), 4));
  }

  @Test
  void pairwiseMaskKeysAgreeAndCancel() {
    byte[] a = SecAggKeys.newPrivateKey(RANDOM);
    byte[] b = SecAggKeys.newPrivateKey(RANDOM);
    byte[] ab = SecAggKeys.agree(a, SecAggKeys.publicKey(b));
    assertArrayEquals(ab, SecAggKeys.agree(b, SecAggKeys.publicKey(a)));
    CohortContext ctx = new CohortContext("run", 3);
    Modulus m = new Modulus(32);
    long[] y = new long[1000];
    Masks.addPairwiseMask(y, ab, ctx, 2, 9, m);
    assertTrue(Arrays.stream(y).anyMatch(v -> v != 0));
    Masks.addPairwiseMask(y, ab, ctx, 9, 2, m);
    assertArrayEquals(new long[1000], y, "u's and v's masks cancel mod 2^b");
    long[] other = new long[1000];
    Masks.addPairwiseMask(other, ab, new CohortContext("run", 4), 2, 9, m);
    Masks.addPairwiseMask(y, ab, ctx, 2, 9, m);
    assertFalse(Arrays.equals(y, other), "another cohort expands another mask from the same agreement");
    assertThrows(IllegalArgumentException.class, () -> SecAggKeys.agree(a, new byte[32]),
        "the all-zero (low-order) public key is refused");
  }

  @Test
  void maskExpansionIsTheAesCtrKeystreamModTwoToTheB() throws Exception {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CTR/NoPadding");
    aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
        new javax.crypto.spec.IvParameterSpec(new byte[16]));
    byte[] stream = aes.doFinal(new byte[3 * 70_000]);
    long[] y = new long[70_000];
    MaskExpansion.apply(y, key, false, new Modulus(24));
    for (int i : new int[] {0, 1, 21_845, 21_846, 69_999}) {
      long expected = (stream[3 * i] & 0xff) | (stream[3 * i + 1] & 0xff) << 8 | (long) (stream[3 * i + 2] & 0xff) << 16;
      assertEquals(expected, y[i], "value " + i);
    }
  }

  @Test
  void sharesAreSealedForOneReceiverInOneCohort() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    CohortContext ctx = new CohortContext("run", 1);
    byte[] sealed = ShareEnvelope.seal(key, ctx, 1, 2, "shares".getBytes());
    assertEquals("shares", new String(ShareEnvelope.open(key, ctx, 1, 2, sealed)));
    byte[] tampered = sealed.clone();
    tampered[0] ^= 1;
    assertThrows(IllegalArgumentException.class, () -> ShareEnvelope.open(key, ctx, 1, 2, tampered));
    assertThrows(IllegalArgumentException.class, () -> ShareEnvelope.open(key, ctx, 1, 3, sealed));
    assertThrows(IllegalArgumentException.class, () -> ShareEnvelope.open(key, new CohortContext("run", 2), 1, 2,
        sealed));
  }

  @Test
  void quantisationRoundsWithoutBiasAndNeverWraps() {
    Quantization q = Quantization.forCohort(new Modulus(32), 500, 8.0, 1.0, Double.POSITIVE_INFINITY);
    assertEquals(22, q.levelBits(), "500 members of at most 2^22 fit in 2^31 - 1");
    assertEquals(27, Quantization.forCohort(new Modulus(32), 10, 8.0, 1.0, Double.POSITIVE_INFINITY).levelBits());
    float[] x = new float[20_000];
    Arrays.fill(x, 0.3f);
    long[] sum = new long[x.length + Quantization.EXTRA];
    SplittableRandom r = new SplittableRandom(3);
    int members = 500;
    for (int i = 0; i < members; i++) {
      float[] v = i == 0 ? new float[x.length] : x;
      if (i == 0) {
        Arrays.fill(v, 100f); // clipped to the range R = 8
      }
      long[] e = q.encode(v, 1.0, r);
      for (int j = 0; j < sum.length; j++) {
        sum[j] = q.modulus().reduce(sum[j] + e[j]);
      }
    }
    Quantization.Decoded d = q.decode(sum);
    double mean = Arrays.stream(d.sum()).average().orElseThrow();
    assertEquals(8.0 + 499 * (double) 0.3f, mean, 1e-6, "unbiased rounding, and the clipped member adds exactly R");
    assertEquals(500.0, d.weightSum(), 1e-9);
    assertEquals(500, d.withinBound());
  }

  @Test
  void graphChoiceMeetsItsBoundsWithTheFewestNeighbours() {
    ThreatModel m = ThreatModel.DEFAULT;
    GraphChoice small = GraphChoice.choose(10, m);
    assertTrue(small.complete());
    assertEquals(4, small.threshold(), "feasible t is 2..6 (1 colluder, 3 dropouts): the middle");
    assertEquals(0.0, small.privacyFailure());
    GraphChoice big = GraphChoice.choose(2000, m);
    assertTrue(big.degree() < 1999, "SecAgg+: a sparse graph at n = 2000, degree " + big.degree());
    assertTrue(big.privacyFailure() <= Math.pow(2, -40), "privacy failure " + big.privacyFailure());
    assertTrue(big.correctnessFailure() <= Math.pow(2, -20), "correctness failure " + big.correctnessFailure());
    GraphChoice smaller = GraphChoice.fixed(2000, big.degree() - 2, big.threshold(), m);
    assertTrue(smaller.privacyFailure() > Math.pow(2, -40) || smaller.correctnessFailure() > Math.pow(2, -20),
        "two neighbours fewer misses a bound, so the choice is the cheapest");
    assertThrows(IllegalArgumentException.class, () -> GraphChoice.choose(1, m));
    assertThrows(IllegalArgumentException.class, () -> GraphChoice.choose(5, new ThreatModel(0.5, 0.5, 40, 20)));
  }

  @Test
  void hararyGraphIsRegularSymmetricAndShuffled() {
    NeighbourGraph g = NeighbourGraph.random(50, 6, RANDOM);
    for (int u = 0; u < 50; u++) {
      assertEquals(6, g.neighbours(u).length);
      for (int v : g.neighbours(u)) {
        assertTrue(g.adjacent(v, u));
        assertNotEquals(u, v);
      }
    }
    int ringNeighbours = 0;
    for (int u = 0; u < 50; u++) {
      ringNeighbours += g.adjacent(u, (u + 1) % 50) ? 1 : 0;
    }
    assertTrue(ringNeighbours < 25, "the ring order is random, not the seat order");
  }
}
