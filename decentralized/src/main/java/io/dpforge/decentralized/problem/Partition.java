package io.dpforge.decentralized.problem;

import java.util.SplittableRandom;

/** How the rows of a table are split across nodes. */
public final class Partition {
  private Partition() {}

  /**
   * A seeded random split into {@code nodes} shares whose sizes differ by at most one row.
   *
   * @return row indices of each node's share
   */
  public static int[][] random(int rows, int nodes, long seed) {
    if (rows < nodes) {
      throw new IllegalArgumentException("cannot split " + rows + " rows across " + nodes + " nodes");
    }
    int[] perm = new int[rows];
    for (int i = 0; i < rows; i++) {
      perm[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = rows - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[][] shares = new int[nodes][];
    int start = 0;
    for (int i = 0; i < nodes; i++) {
      int size = rows / nodes + (i < rows % nodes ? 1 : 0);
      shares[i] = java.util.Arrays.copyOfRange(perm, start, start + size);
      start += size;
    }
    return shares;
  }
}
