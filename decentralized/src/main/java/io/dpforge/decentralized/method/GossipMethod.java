package io.dpforge.decentralized.method;

/** A decentralized method: how to create the state of a node that starts at x⁰. */
public interface GossipMethod {
  /** Short name, as on the command line: {@code dadao}, {@code gossip}, {@code acid}. */
  String name();

  /** The state of a node starting at {@code x0} at time 0 (x0 is copied). */
  NodeState newNode(double[] x0);
}
