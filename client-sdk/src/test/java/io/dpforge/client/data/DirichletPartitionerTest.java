package io.dpforge.client.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirichletPartitionerTest {

  /** 10 classes × 500 examples, features = the example's index (to trace copies). */
  private static Dataset balanced() {
    int n = 5000;
    double[] x = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = i % 10;
    }
    return Dataset.of(x, y, 1, 10);
  }

  @Test
  void everyExampleGoesToExactlyOneClientAndTheSeedFixesTheSplit() {
    Dataset data = balanced();
    DirichletPartitioner p = DirichletPartitioner.builder().clients(7).alpha(0.3).seed(42).build();
    int[][] a = p.assign(data);
    int[] owner = new int[data.size()];
    java.util.Arrays.fill(owner, -1);
    for (int k = 0; k < a.length; k++) {
      for (int i : a[k]) {
        assertEquals(-1, owner[i], "example " + i + " assigned twice");
        owner[i] = k;
      }
    }
    for (int o : owner) {
      assertTrue(o >= 0);
    }
    int[][] again = DirichletPartitioner.builder().clients(7).alpha(0.3).seed(42).build().assign(data);
    for (int k = 0; k < 7; k++) {
      assertArrayEquals(a[k], again[k]);
    }
    int[][] other = DirichletPartitioner.builder().clients(7).alpha(0.3).seed(43).build().assign(data);
    assertFalse(java.util.Arrays.equals(a[0], other[0]));

    List<Dataset> parts = p.split(data);
    assertEquals(a[3].length, parts.get(3).size());
    assertEquals(data.label(a[3][0]), parts.get(3).label(0));
    assertEquals(a[3][0], parts.get(3).feature(0, 0), 0.0);
  }

  /**
   * Label skew follows α: the mean total-variation distance between a client's label distribution and
   * the uniform one is large for α = 0.1 and small for α = 100 (a Dir(100) share deviates by about
   * 1/√(100·N) relative, so TV stays below 0.1 here; a Dir(0.1) client holds one or two classes).
   */
  @Test
  void smallAlphaSkewsLabelsAndLargeAlphaIsNearlyIid() {
    Dataset data = balanced();
    double skewed = meanTotalVariationFromUniform(data, 0.1);
    double iid = meanTotalVariationFromUniform(data, 100);
    assertTrue(skewed > 0.5, "alpha 0.1: " + skewed);
    assertTrue(iid < 0.1, "alpha 100: " + iid);
  }

  private static double meanTotalVariationFromUniform(Dataset data, double alpha) {
    List<Dataset> parts = DirichletPartitioner.builder().clients(5).alpha(alpha).seed(1).minimumPerClient(20)
        .build().split(data);
    double sum = 0;
    for (Dataset part : parts) {
      int[] counts = part.classCounts();
      double tv = 0;
      for (int c : counts) {
        tv += Math.abs((double) c / part.size() - 0.1);
      }
      sum += tv / 2;
    }
    return sum / parts.size();
  }

  @Test
  void minimumPerClientIsEnforcedOrRefused() {
    Dataset data = balanced();
    int[][] a = DirichletPartitioner.builder().clients(20).alpha(0.5).seed(3).minimumPerClient(50).build()
        .assign(data);
    for (int[] client : a) {
      assertTrue(client.length >= 50);
    }
    assertThrows(IllegalArgumentException.class,
        () -> DirichletPartitioner.builder().clients(20).minimumPerClient(300).build().assign(data));
    assertThrows(IllegalArgumentException.class, () -> DirichletPartitioner.builder().alpha(0));
  }
}
