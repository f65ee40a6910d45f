package io.dpforge.decentralized.graph;

/**
 * An undirected edge between nodes {@code u < v}. Its owner (the endpoint that runs the edge's
 * Poisson clock in a real deployment) is {@code u}, the lower id, so that exchanges lock nodes in
 * increasing id order and can never deadlock.
 */
public record Edge(int u, int v) {
  public Edge {
    if (u == v) {
      throw new IllegalArgumentException("self-loop at node " + u);
    }
    if (u > v) {
      int t = u;
      u = v;
      v = t;
    }
  }

  /** The other endpoint. */
  public int other(int node) {
    if (node == u) {
      return v;
    }
    if (node == v) {
      return u;
    }
    throw new IllegalArgumentException("node " + node + " is not on edge " + this);
  }
}
