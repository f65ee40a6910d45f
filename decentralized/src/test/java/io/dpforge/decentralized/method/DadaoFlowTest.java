package io.dpforge.decentralized.method;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The flow propagator exp(M·Δt) against the research brief's test vector (A3) and closed forms. */
class DadaoFlowTest {
  private static final DadaoConstants UNIT = DadaoConstants.of(1, 1, 1);

  @Test
  void constantsForLEqualsMuEqualsOne() {
    assertEquals(0.5, UNIT.nu(), 0);
    assertEquals(0.0883883476, UNIT.eta(), 1e-10);
    assertEquals(0.1767766953, UNIT.alpha(), 1e-10);
    assertEquals(0.0883883476, UNIT.alphaTilde(), 1e-10);
    assertEquals(0.7071067812, UNIT.theta(), 1e-10);
  }

  @Test
  void matchesTheBriefsExpmAtOne() {
    double[][] expected = {
        {0.91898344279, 0.08101655721, 0, 0, 0, 0},
        {0.08101655721, 0.91898344279, 0, 0, 0, 0},
        {-0.00083822832, -0.02834670165, 0.78294993891, 0.15868020115, -0.05508862007, -0.00328123987},
        {-0.01459246499, -0.33195286728, -0.63472080460, 0.94163014006, -0.63636142453, -0.05672924001},
        {0, 0, 0, 0, 0.84471955900, 0.15528044100},
        {0, 0, 0, 0, 0.07764022050, 0.92235977950},
    };
    double[][] p = new LinearFlow(UNIT.flowMatrix()).propagator(1.0);
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        // The brief prints 11 decimals, so agreement is to 5e-12 plus our own error (≤ 1e-10 asked).
        assertEquals(expected[i][j], p[i][j], 1e-10, "entry " + i + "," + j);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e-3, 1, 100})
  void xAndZBlocksMatchTheirClosedForms(double dt) {
    DadaoConstants c = DadaoConstants.of(9.98, 1.03, 26.18);
    double[][] p = new LinearFlow(c.flowMatrix()).propagator(dt);
    double e = Math.exp(-2 * c.eta() * dt);
    assertEquals(0.5 * (1 + e), p[0][0], 1e-12);
    assertEquals(0.5 * (1 - e), p[0][1], 1e-12);
    assertEquals(0.5 * (1 - e), p[1][0], 1e-12);
    assertEquals(0.5 * (1 + e), p[1][1], 1e-12);
    double a = c.alpha();
    double at = c.alphaTilde();
    double s = a + at;
    double f = Math.exp(-s * dt);
    assertEquals((at + a * f) / s, p[4][4], 1e-12);
    assertEquals(a * (1 - f) / s, p[4][5], 1e-12);
    assertEquals(at * (1 - f) / s, p[5][4], 1e-12);
    assertEquals((a + at * f) / s, p[5][5], 1e-12);
    // x, x̃ never see y, ỹ, z, z̃; z, z̃ never see x, x̃, y, ỹ.
    for (int j = 2; j < 6; j++) {
      assertEquals(0, p[0][j], 1e-12);
      assertEquals(0, p[1][j], 1e-12);
      assertEquals(0, p[4][j - 2], 1e-12);
      assertEquals(0, p[5][j - 2], 1e-12);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.37, 4.1, 55})
  void flowIsASemigroup(double t1) {
    LinearFlow flow = new LinearFlow(DadaoConstants.of(100, 1, 390.3).flowMatrix());
    double t2 = 2.3 * t1;
    double[][] direct = flow.propagator(t1 + t2);
    double[][] composed = multiply(flow.propagator(t2), flow.propagator(t1));
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        assertEquals(direct[i][j], composed[i][j], 1e-11 * Math.max(1, Math.abs(direct[i][j])));
      }
    }
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] c = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b[0].length; j++) {
        for (int k = 0; k < b.length; k++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return c;
  }
}
