package io.dpforge.decentralized.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The graph families used in DADAO's experiments (Nabli &amp; Oyallon 2023, §5; reference code
 * {@code data.generate_one_connected_graph}: star, complete, cycle, path, 2-D grid, barbell, random
 * geometric) plus seeded Erdős–Rényi graphs.
 */
public final class Graphs {
  private static final int MAX_ERDOS_RENYI_TRIES = 1000;

  private Graphs() {}

  public static Graph path(int n) {
    List<Edge> e = new ArrayList<>();
    for (int i = 0; i + 1 < n; i++) {
      e.add(new Edge(i, i + 1));
    }
    return Graph.of("path", n, e);
  }

  public static Graph cycle(int n) {
    if (n < 3) {
      throw new IllegalArgumentException("a cycle needs at least 3 nodes, got " + n);
    }
    List<Edge> e = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      e.add(new Edge(i, (i + 1) % n));
    }
    return Graph.of("cycle", n, e);
  }

  /** Node 0 is the hub. */
  public static Graph star(int n) {
    List<Edge> e = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      e.add(new Edge(0, i));
    }
    return Graph.of("star", n, e);
  }

  public static Graph complete(int n) {
    List<Edge> e = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        e.add(new Edge(i, j));
      }
    }
    return Graph.of("complete", n, e);
  }

  /** A rows × cols lattice; node {@code r*cols + c} sits at row r, column c. */
  public static Graph grid(int rows, int cols) {
    if (rows < 1 || cols < 1 || rows * cols < 2) {
      throw new IllegalArgumentException("a grid needs rows, cols >= 1 and at least 2 nodes, got " + rows + "x" + cols);
    }
    List<Edge> e = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int id = r * cols + c;
        if (c + 1 < cols) {
          e.add(new Edge(id, id + 1));
        }
        if (r + 1 < rows) {
          e.add(new Edge(id, id + cols));
        }
      }
    }
    return Graph.of("grid", rows * cols, e);
  }

  /** The most nearly square grid with n nodes (rows = the largest divisor of n not above √n). */
  public static Graph grid(int n) {
    int rows = (int) Math.floor(Math.sqrt(n));
    while (n % rows != 0) {
      rows--;
    }
    return grid(rows, n / rows);
  }

  /**
   * Two complete graphs of ⌊n/2⌋ nodes joined through a bridge (one extra middle node when n is
   * odd), as networkx's {@code barbell_graph}.
   */
  public static Graph barbell(int n) {
    int bell = n / 2;
    if (bell < 2) {
      throw new IllegalArgumentException("a barbell needs at least 4 nodes, got " + n);
    }
    List<Edge> e = new ArrayList<>();
    int secondStart = n - bell;
    for (int i = 0; i < bell; i++) {
      for (int j = i + 1; j < bell; j++) {
        e.add(new Edge(i, j));
        e.add(new Edge(secondStart + i, secondStart + j));
      }
    }
    for (int i = bell - 1; i < secondStart; i++) {
      e.add(new Edge(i, i + 1));
    }
    return Graph.of("barbell", n, e);
  }

  /**
   * A random geometric graph: n points uniform in the unit square, joined when closer than
   * {@code radius}. Like the reference code, a disconnected draw is made connected by repeatedly
   * joining the component of node 0 to its nearest outside point.
   */
  public static Graph randomGeometric(int n, double radius, long seed) {
    if (!(radius > 0)) {
      throw new IllegalArgumentException("radius must be > 0, got " + radius);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] px = new double[n];
    double[] py = new double[n];
    for (int i = 0; i < n; i++) {
      px[i] = rng.nextDouble();
      py[i] = rng.nextDouble();
    }
    List<Edge> e = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Math.hypot(px[i] - px[j], py[i] - py[j]) < radius) {
          e.add(new Edge(i, j));
        }
      }
    }
    Components comps = new Components(n);
    e.forEach(edge -> comps.union(edge.u(), edge.v()));
    while (comps.count() > 1) {
      int bestI = -1;
      int bestJ = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (!comps.same(i, 0)) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          double d = Math.hypot(px[i] - px[j], py[i] - py[j]);
          if (!comps.same(j, 0) && d < best) {
            best = d;
            bestI = i;
            bestJ = j;
          }
        }
      }
      e.add(new Edge(bestI, bestJ));
      comps.union(bestI, bestJ);
    }
    return Graph.of("random-geometric", n, e);
  }

  /**
   * An Erdős–Rényi graph G(n, p), redrawn (same seeded stream) until connected.
   *
   * @throws IllegalArgumentException when no connected draw appears in 1000 tries (p too small)
   */
  public static Graph erdosRenyi(int n, double p, long seed) {
    if (!(p > 0 && p <= 1)) {
      throw new IllegalArgumentException("edge probability must be in (0, 1], got " + p);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int attempt = 0; attempt < MAX_ERDOS_RENYI_TRIES; attempt++) {
      List<Edge> e = new ArrayList<>();
      Components comps = new Components(n);
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (rng.nextDouble() < p) {
            e.add(new Edge(i, j));
            comps.union(i, j);
          }
        }
      }
      if (comps.count() == 1) {
        return Graph.of("erdos-renyi", n, e);
      }
    }
    throw new IllegalArgumentException("no connected Erdős–Rényi graph G(" + n + ", " + p + ") in "
        + MAX_ERDOS_RENYI_TRIES + " draws; use a larger edge probability (ln(n)/n = "
        + String.format("%.3f", Math.log(n) / n) + ")");
  }

  /** Union–find over node ids. */
  private static final class Components {
    private final int[] parent;
    private int count;

    Components(int n) {
      parent = new int[n];
      for (int i = 0; i < n; i++) {
        parent[i] = i;
      }
      count = n;
    }

    int find(int i) {
      while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    }

    void union(int a, int b) {
      int ra = find(a);
      int rb = find(b);
      if (ra != rb) {
        parent[ra] = rb;
        count--;
      }
    }

    boolean same(int a, int b) {
      return find(a) == find(b);
    }

    int count() {
      return count;
    }
  }
}
