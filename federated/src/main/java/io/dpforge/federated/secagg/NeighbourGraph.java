package io.dpforge.federated.secagg;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Who shares masks and secrets with whom in a cohort of n members (Bell et al., CCS 2020, §3: SecAgg+).
 * With degree k < n − 1 it is a random Harary graph: the members are placed on a ring in a uniformly
 * random order and each is joined to the k/2 nearest on either side, so every member has exactly k
 * neighbours and, after any set of members is removed, the rest stay connected unless k/2 consecutive
 * ring positions were all removed at two places. With k ≥ n − 1 it is the complete graph (SecAgg,
 * Bonawitz et al. CCS 2017).
 */
public final class NeighbourGraph {
  private final int[][] neighbours;

  private NeighbourGraph(int[][] neighbours) {
    this.neighbours = neighbours;
  }

  /**
   * A graph of the given degree over members 0..n−1.
   *
   * @param degree k: even and below n − 1 for a Harary graph, or n − 1 for the complete graph
   */
  public static NeighbourGraph random(int n, int degree, SecureRandom random) {
    if (n < 1) {
      throw new IllegalArgumentException("a cohort needs at least one member");
    }
    int[][] out = new int[n][];
    if (degree >= n - 1) {
      for (int i = 0; i < n; i++) {
        int[] a = new int[n - 1];
        for (int j = 0, w = 0; j < n; j++) {
          if (j != i) {
            a[w++] = j;
          }
        }
        out[i] = a;
      }
      return new NeighbourGraph(out);
    }
    if (degree < 2 || degree % 2 != 0) {
      throw new IllegalArgumentException("a sparse neighbour graph needs an even degree >= 2, got " + degree);
    }
    int[] ring = new int[n];
    for (int i = 0; i < n; i++) {
      ring[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = ring[i];
      ring[i] = ring[j];
      ring[j] = t;
    }
    int half = degree / 2;
    for (int p = 0; p < n; p++) {
      int[] a = new int[degree];
      for (int d = 1, w = 0; d <= half; d++) {
        a[w++] = ring[(p + d) % n];
        a[w++] = ring[(p - d + n) % n];
      }
      Arrays.sort(a);
      out[ring[p]] = a;
    }
    return new NeighbourGraph(out);
  }

  /** A member's neighbours, in increasing order. */
  public int[] neighbours(int member) {
    return neighbours[member].clone();
  }

  public int size() {
    return neighbours.length;
  }

  public boolean adjacent(int u, int v) {
    return Arrays.binarySearch(neighbours[u], v) >= 0;
  }
}
