package io.dpforge.decentralized.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.data.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProblemsTest {
  private static final Path CSV = Path.of("../samples/cps1988/cps1988.csv");
  private static final Path DOMAIN = Path.of("../samples/cps1988/domain.json");
  private static TabularData all;

  @BeforeAll
  static void read() {
    all = TabularData.read(CSV, DOMAIN, "parttime", List.of(), true);
  }

  @Test
  void designMatrixEncodesTheDomain() {
    assertEquals(28155, all.rows());
    // intercept, wage, education, experience, ethnicity=afam, smsa=yes, 3 regions.
    assertEquals(List.of("(intercept)", "wage", "education", "experience", "ethnicity=afam", "smsa=yes",
        "region=midwest", "region=south", "region=west"), all.featureNames());
    double mean = 0;
    for (double[] row : all.features()) {
      mean += row[2];
    }
    assertEquals(0, mean / all.rows(), 1e-12);
  }

  @Test
  void optimaZeroTheSummedGradient() {
    int[][] shares = Partition.random(all.rows(), 12, 5);
    Problem logistic = Logistic.of(all, shares, 0.01);
    assertTrue(norm(summedGradient(logistic, logistic.optimum())) < 1e-9);
    TabularData wage = TabularData.read(CSV, DOMAIN, "wage", List.of(), true);
    Problem ls = LeastSquares.of(wage, shares);
    assertTrue(norm(summedGradient(ls, ls.optimum())) < 1e-9);
    Problem quad = Quadratics.random(7, 4, 1, 10, 3);
    assertTrue(norm(summedGradient(quad, quad.optimum())) < 1e-12);
    assertTrue(ls.strongConvexity() > 0 && ls.smoothness() >= ls.strongConvexity());
  }

  @Test
  void gradientsMatchFiniteDifferencesAndConstantsBoundCurvature() {
    int[][] shares = Partition.random(all.rows(), 4, 6);
    Problem logistic = Logistic.of(all, shares, 0.1);
    LocalObjective f = logistic.local(1);
    double[] x = new double[f.dim()];
    for (int k = 0; k < x.length; k++) {
      x[k] = 0.1 * (k - 4);
    }
    double[] g = new double[f.dim()];
    f.gradient(x, g);
    Logistic.Objective lo = (Logistic.Objective) f;
    for (int k = 0; k < x.length; k++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[k] += 1e-6;
      down[k] -= 1e-6;
      assertEquals((lo.value(up) - lo.value(down)) / 2e-6, g[k], 1e-6);
    }
    // Curvature along a random direction lies in [μ, L].
    double[] v = {0.3, -0.2, 0.5, 0.1, -0.4, 0.2, 0.1, -0.3, 0.6};
    double[] g2 = new double[f.dim()];
    double[] xv = x.clone();
    for (int k = 0; k < x.length; k++) {
      xv[k] += 1e-4 * v[k];
    }
    f.gradient(xv, g2);
    double curvature = 0;
    double vv = 0;
    for (int k = 0; k < x.length; k++) {
      curvature += (g2[k] - g[k]) / 1e-4 * v[k];
      vv += v[k] * v[k];
    }
    curvature /= vv;
    assertTrue(curvature >= logistic.strongConvexity() - 1e-6 && curvature <= logistic.smoothness() + 1e-6);
  }

  @Test
  void badInputsAreNamed() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TabularData.read(CSV, DOMAIN, "salary", List.of(), true));
    assertTrue(e.getMessage().contains("target column 'salary' is not in the domain"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> TabularData.read(CSV, DOMAIN, "wage", List.of("age"), true));
    assertTrue(e.getMessage().contains("feature column 'age'"), e.getMessage());
    TabularData wage = TabularData.read(CSV, DOMAIN, "wage", List.of("education"), false);
    e = assertThrows(InvalidInputException.class, () -> Logistic.of(wage, Partition.random(wage.rows(), 2, 1), 0.1));
    assertTrue(e.getMessage().contains("exactly 2 values"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> LeastSquares.of(all, Partition.random(all.rows(), 2, 1)));
    assertTrue(e.getMessage().contains("least squares needs a numeric target"), e.getMessage());
    // 28,155 rows over 14,000 nodes leaves 2 rows for 9 features: rank-deficient.
    TabularData w = TabularData.read(CSV, DOMAIN, "wage", List.of(), true);
    e = assertThrows(InvalidInputException.class, () -> LeastSquares.of(w, Partition.random(w.rows(), 14_000, 1)));
    assertTrue(e.getMessage().contains("rank-deficient"), e.getMessage());
  }

  private static double[] summedGradient(Problem p, double[] x) {
    double[] sum = new double[p.dim()];
    double[] g = new double[p.dim()];
    for (LocalObjective f : p.locals()) {
      f.gradient(x, g);
      for (int k = 0; k < g.length; k++) {
        sum[k] += g[k];
      }
    }
    return sum;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
