package io.dpforge.decentralized.method;

import java.util.Optional;

/**
 * The state one node keeps for a gossip method, and the three things that can happen to it: the
 * deterministic flow between events, a gradient event and an edge exchange. The same class runs in
 * the event simulator and in a real gRPC node, so both apply identical update rules.
 *
 * <p>Not thread-safe: the caller serialises access (the simulator is single-threaded; a real node
 * holds its lock).
 */
public interface NodeState {
  /** The time of the node's last event, t_i. */
  double time();

  /** Integrates the between-event dynamics up to {@code t} (no-op when t ≤ t_i) and sets t_i = t. */
  void flowTo(double t);

  /** Writes the node's estimate x_i as it would be at time {@code t ≥ t_i}, without changing the state. */
  void estimateAt(double t, double[] out);

  /** Writes the point at which the node's next gradient is evaluated (x_i at t_i). */
  void gradientPoint(double[] out);

  /** Applies a gradient event with {@code gradient} = ∇f_i at the gradient point (possibly stale). */
  void applyGradient(double[] gradient);

  /**
   * Writes the vector this node sends on an edge exchange taking place at time {@code t}. Normally
   * t = t_i; a responder whose clock is already past the initiator's event time (t &lt; t_i) sends its
   * message as of t, its state flowed back, so both ends exchange at one instant.
   */
  void message(double t, double[] out);

  /**
   * Applies this node's half of an edge exchange that took place at time {@code t ≤ t_i}, given the
   * message it sent and the one it received. Both endpoints call this with the roles swapped, so the pair
   * updates consistently; when t &lt; t_i the jump is applied at t and carried to t_i by the (linear)
   * flow, exactly as if the node had not yet moved past t.
   */
  void exchange(double t, double[] own, double[] other);

  /**
   * For a method whose edge exchanges move a quantity between the two ends and nothing else changes
   * its network-wide sum (which starts at 0): this node's term at time {@code t ≥ t_i}, without
   * changing the state. A lost, duplicated or half-applied exchange shows as a non-zero sum. Empty for
   * methods without such an invariant.
   */
  default Optional<double[]> conservedTerm(double t) {
    return Optional.empty();
  }
}
