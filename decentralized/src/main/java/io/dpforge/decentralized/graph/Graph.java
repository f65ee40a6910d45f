package io.dpforge.decentralized.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A connected undirected simple graph on nodes {@code 0..n-1}: the communication network of a
 * decentralized optimisation (Nabli &amp; Oyallon 2023, §2: nodes exchange only along edges).
 */
public final class Graph {
  private final String name;
  private final int n;
  private final List<Edge> edges;
  private final List<List<Integer>> incident;

  private Graph(String name, int n, List<Edge> edges) {
    this.name = name;
    this.n = n;
    this.edges = List.copyOf(edges);
    List<List<Integer>> inc = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      inc.add(new ArrayList<>());
    }
    for (int e = 0; e < edges.size(); e++) {
      inc.get(edges.get(e).u()).add(e);
      inc.get(edges.get(e).v()).add(e);
    }
    List<List<Integer>> frozen = new ArrayList<>(n);
    for (List<Integer> l : inc) {
      frozen.add(Collections.unmodifiableList(l));
    }
    this.incident = Collections.unmodifiableList(frozen);
  }

  /**
   * A graph from its edges. Duplicate edges are rejected, as is a graph that is not connected
   * (decentralized consensus is impossible across components).
   *
   * @throws IllegalArgumentException naming the offending edge or the unreachable node
   */
  public static Graph of(String name, int n, List<Edge> edges) {
    if (n < 2) {
      throw new IllegalArgumentException("a graph needs at least 2 nodes, got " + n);
    }
    Set<Edge> seen = new LinkedHashSet<>();
    for (Edge e : edges) {
      if (e.v() >= n || e.u() < 0) {
        throw new IllegalArgumentException("edge " + e.u() + "-" + e.v() + " names a node outside 0.." + (n - 1));
      }
      if (!seen.add(e)) {
        throw new IllegalArgumentException("duplicate edge " + e.u() + "-" + e.v());
      }
    }
    Graph g = new Graph(name, n, new ArrayList<>(seen));
    int unreachable = g.firstUnreachableNode();
    if (unreachable >= 0) {
      throw new IllegalArgumentException("graph '" + name + "' is not connected: node " + unreachable
          + " cannot be reached from node 0");
    }
    return g;
  }

  public String name() {
    return name;
  }

  public int nodes() {
    return n;
  }

  public List<Edge> edges() {
    return edges;
  }

  public int edgeCount() {
    return edges.size();
  }

  public Edge edge(int index) {
    return edges.get(index);
  }

  /** Indices (into {@link #edges()}) of the edges touching {@code node}. */
  public List<Integer> incidentEdges(int node) {
    return incident.get(node);
  }

  public int degree(int node) {
    return incident.get(node).size();
  }

  /** Neighbours of {@code node}, in the order of its incident edges. */
  public List<Integer> neighbours(int node) {
    List<Integer> out = new ArrayList<>();
    for (int e : incident.get(node)) {
      out.add(edges.get(e).other(node));
    }
    return out;
  }

  private int firstUnreachableNode() {
    boolean[] seen = new boolean[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(0);
    seen[0] = true;
    while (!queue.isEmpty()) {
      int u = queue.poll();
      for (int e : incident.get(u)) {
        int v = edges.get(e).other(u);
        if (!seen[v]) {
          seen[v] = true;
          queue.add(v);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (!seen[i]) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return name + " (n=" + n + ", |E|=" + edges.size() + ")";
  }
}
