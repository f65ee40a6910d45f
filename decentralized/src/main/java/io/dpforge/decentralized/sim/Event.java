package io.dpforge.decentralized.sim;

/**
 * One event of the two families of Poisson processes that drive DADAO (Nabli &amp; Oyallon 2023, §3):
 * a gradient at a node, or a communication on an edge.
 *
 * @param time event time, in time units
 * @param edge the edge index for a communication, or -1 for a gradient
 * @param node the node for a gradient, or -1 for a communication
 */
public record Event(double time, int node, int edge) {
  public static Event gradient(double time, int node) {
    return new Event(time, node, -1);
  }

  public static Event communication(double time, int edge) {
    return new Event(time, -1, edge);
  }

  public boolean isGradient() {
    return node >= 0;
  }
}
