package io.dpforge.dp.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.random.Randomness;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyedNoiseTest {
  private static final KeyedNoise.IntegerSampler UNIFORM = r -> r.nextLong(1_000_000_007L);

  @Test
  void aDrawIsAPureFunctionOfSecretStreamAndCoordinate() {
    NoiseSecret secret = NoiseSecret.seededNotPrivate(5);
    NoiseDraws a = KeyedNoise.of(secret, "blt:4").drawsFor("key-1", UNIFORM);
    NoiseDraws again = KeyedNoise.of(NoiseSecret.seededNotPrivate(5), "blt:4").drawsFor("key-1", UNIFORM);
    for (long c = 0; c < 50; c++) {
      assertEquals(a.draw(c), again.draw(c));
      assertEquals(a.draw(c), a.draw(c), "asking twice gives the same draw");
    }
    Set<Long> distinct = new HashSet<>();
    for (String key : new String[] {"key-1", "key-2"}) {
      for (String domain : new String[] {"blt:4", "tree"}) {
        for (long seed : new long[] {5, 6}) {
          NoiseDraws d = KeyedNoise.of(NoiseSecret.seededNotPrivate(seed), domain).drawsFor(key, UNIFORM);
          for (long c = 0; c < 10; c++) {
            distinct.add(d.draw(c));
          }
        }
      }
    }
    assertEquals(80, distinct.size(), "keys, domains, secrets and coordinates give independent draws");
  }

  /** The keystream is uniform: 64·20,000 bits, each bit position within 4.5 standard deviations of 1/2. */
  @Test
  void keystreamBitsAreBalanced() {
    Randomness r = KeyedNoise.of(NoiseSecret.seededNotPrivate(1), "check").randomness("k", 3);
    int n = 20_000;
    int[] ones = new int[64];
    int smallOnes = 0;
    for (int i = 0; i < n; i++) {
      long w = r.nextLong();
      for (int b = 0; b < 64; b++) {
        ones[b] += (int) ((w >>> b) & 1);
      }
      smallOnes += (int) r.nextBits(1);
    }
    double sd = Math.sqrt(n / 4.0);
    for (int b = 0; b < 64; b++) {
      assertTrue(Math.abs(ones[b] - n / 2.0) < 4.5 * sd, "bit " + b + ": " + ones[b]);
    }
    assertTrue(Math.abs(smallOnes - n / 2.0) < 4.5 * sd);
    Randomness child = r.split();
    assertNotEquals(child.nextLong(), r.nextLong());
  }

  @Test
  void seededSecretsAreLabelledNotPrivateAndSecretsNeverPrint() {
    NoiseSecret seeded = NoiseSecret.seededNotPrivate(42);
    assertFalse(seeded.isPrivate());
    assertTrue(KeyedNoise.of(seeded, "tree").describe().contains("NOT PRIVATE"));
    assertFalse(KeyedNoise.of(seeded, "tree").randomness("k", 0).isPrivate());
    NoiseSecret secure = NoiseSecret.generate(Randomness.secure());
    assertTrue(secure.isPrivate());
    assertTrue(KeyedNoise.of(secure, "tree").randomness("k", 0).isPrivate());
    assertEquals("NoiseSecret(secret key (private))", secure.toString());
    assertEquals(secure, NoiseSecret.restore(secure.bytes()));
    assertThrows(IllegalArgumentException.class, () -> NoiseSecret.generate(Randomness.seededNotPrivate(1)));
    assertThrows(IllegalArgumentException.class, () -> NoiseSecret.restore(new byte[7]));
  }
}
