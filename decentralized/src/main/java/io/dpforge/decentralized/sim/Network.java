package io.dpforge.decentralized.sim;

import io.dpforge.decentralized.graph.Edge;
import io.dpforge.decentralized.graph.Graph;
import io.dpforge.decentralized.method.GossipMethod;
import io.dpforge.decentralized.method.NodeState;
import io.dpforge.decentralized.problem.Problem;

/**
 * All nodes of a simulated network, and the exact semantics of one event: a node (or both ends of an
 * edge) first flows to the event time, then applies the event instantaneously.
 */
public final class Network {
  private final Graph graph;
  private final Problem problem;
  private final NodeState[] nodes;
  private final double[] point;
  private final double[] gradient;
  private final double[] messageU;
  private final double[] messageV;
  private long gradients;
  private long communications;

  /** Every node starts at x⁰ = {@code start}. */
  public Network(Graph graph, Problem problem, GossipMethod method, double[] start) {
    if (graph.nodes() != problem.nodes()) {
      throw new IllegalArgumentException("graph has " + graph.nodes() + " nodes but the problem has " + problem.nodes());
    }
    this.graph = graph;
    this.problem = problem;
    this.nodes = new NodeState[graph.nodes()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = method.newNode(start);
    }
    int d = problem.dim();
    point = new double[d];
    gradient = new double[d];
    messageU = new double[d];
    messageV = new double[d];
  }

  /** Applies one event. */
  public void apply(Event e) {
    if (e.isGradient()) {
      NodeState s = nodes[e.node()];
      s.flowTo(e.time());
      s.gradientPoint(point);
      problem.local(e.node()).gradient(point, gradient);
      s.applyGradient(gradient);
      gradients++;
    } else {
      Edge edge = graph.edge(e.edge());
      NodeState u = nodes[edge.u()];
      NodeState v = nodes[edge.v()];
      u.flowTo(e.time());
      v.flowTo(e.time());
      u.message(e.time(), messageU);
      v.message(e.time(), messageV);
      u.exchange(e.time(), messageU, messageV);
      v.exchange(e.time(), messageV, messageU);
      communications++;
    }
  }

  /** (1/n) Σ_i ‖x_i(t) − x*‖², with every estimate taken at time t (state unchanged). */
  public double error(double t) {
    double sum = 0;
    for (NodeState s : nodes) {
      s.estimateAt(t, point);
      sum += problem.squaredDistance(point);
    }
    return sum / nodes.length;
  }

  public NodeState node(int i) {
    return nodes[i];
  }

  public long gradients() {
    return gradients;
  }

  public long communications() {
    return communications;
  }
}
