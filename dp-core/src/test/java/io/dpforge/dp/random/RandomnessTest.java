package io.dpforge.dp.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.testing.GoodnessOfFit;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RandomnessTest {

  @Test
  void seededSourceIsReproducibleAndLabelledNotPrivate() {
    Randomness a = Randomness.seededNotPrivate(42);
    Randomness b = Randomness.seededNotPrivate(42);
    long[] xs = new long[8];
    long[] ys = new long[8];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = a.nextLong();
      ys[i] = b.nextLong();
    }
    assertArrayEquals(xs, ys);
    assertFalse(a.isPrivate());
    assertTrue(a.describe().contains("NOT PRIVATE"), a.describe());
    assertTrue(a.toString().contains("NOT PRIVATE"));
    assertTrue(a.split().describe().contains("NOT PRIVATE"));
  }

  @Test
  void secureSourceIsPrivateAndUnpredictable() {
    Randomness a = Randomness.secure();
    Randomness b = Randomness.secure();
    assertTrue(a.isPrivate());
    assertTrue(a.describe().contains("(private)"), a.describe());
    assertNotEquals(a.nextLong(), b.nextLong());
    assertTrue(a.split().isPrivate());
  }

  @Test
  void splitsOfASeededSourceAreDeterministicAndDistinct() {
    Randomness p1 = Randomness.seededNotPrivate(7);
    Randomness p2 = Randomness.seededNotPrivate(7);
    Randomness c1 = p1.split();
    Randomness c2 = p2.split();
    assertEquals(c1.nextLong(), c2.nextLong());
    assertNotEquals(p1.nextLong(), c1.nextLong());
  }

  @Test
  void boundedDrawsAreUniform() {
    for (Randomness r : new Randomness[] {Randomness.seededNotPrivate(1), Randomness.secure()}) {
      for (long bound : new long[] {3, 10, 64, 1000}) {
        int n = 60_000;
        long[] counts = new long[(int) bound];
        for (int i = 0; i < n; i++) {
          long x = r.nextLong(bound);
          assertTrue(x >= 0 && x < bound);
          counts[(int) x]++;
        }
        double[] p = new double[(int) bound];
        java.util.Arrays.fill(p, 1.0 / bound);
        double pValue = GoodnessOfFit.chiSquarePValue(counts, p, n);
        assertTrue(pValue > 1e-4, "bound " + bound + " p=" + pValue + " " + r);
      }
    }
  }

  @Test
  void bigBoundsAreUniformAndInRange() {
    Randomness r = Randomness.seededNotPrivate(3);
    BigInteger bound = BigInteger.ONE.shiftLeft(100).multiply(BigInteger.valueOf(3)); // top bits 11: lots of rejection
    BigInteger third = bound.divide(BigInteger.valueOf(3));
    long[] counts = new long[3];
    int n = 30_000;
    for (int i = 0; i < n; i++) {
      BigInteger x = r.nextBigInteger(bound);
      assertTrue(x.signum() >= 0 && x.compareTo(bound) < 0);
      counts[x.divide(third).intValueExact()]++;
    }
    assertTrue(GoodnessOfFit.chiSquarePValue(counts, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, n) > 1e-4);
    assertThrows(IllegalArgumentException.class, () -> r.nextLong(0));
  }

  @Test
  void noiseAndSelectionCodeNeverUsesJavaUtilRandomOrMathRandom() throws Exception {
    Path main = Path.of("src/main/java/io/dpforge/dp");
    for (String pkg : new String[] {"random", "noise", "select", "accounting", "ledger"}) {
      try (Stream<Path> files = Files.walk(main.resolve(pkg))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String code = Files.readString(f);
          assertFalse(code.contains("java.util.Random;") || code.contains("new Random(")
              || code.contains("Math.random(") || code.contains("ThreadLocalRandom"), f + " uses a non-secure generator");
        }
      }
    }
  }
}
