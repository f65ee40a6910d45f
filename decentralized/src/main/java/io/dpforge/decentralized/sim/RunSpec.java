package io.dpforge.decentralized.sim;

import io.dpforge.decentralized.graph.EdgeRates;
import io.dpforge.decentralized.method.GossipMethod;
import io.dpforge.decentralized.problem.Problem;
import java.util.Objects;

/**
 * What to run, shared by the simulator and the real cluster so both run the very same setup.
 *
 * @param problem the objectives of the nodes
 * @param rates the edge rates, on the graph the problem lives on
 * @param method the gossip method
 * @param target stop when (1/n)Σ‖x_i − x*‖² is at most this
 * @param maxTime time limit in time units
 * @param seed seed of the Poisson clocks
 */
public record RunSpec(Problem problem, EdgeRates rates, GossipMethod method, double target, double maxTime, long seed) {
  public RunSpec {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(rates, "rates");
    Objects.requireNonNull(method, "method");
    if (rates.graph().nodes() != problem.nodes()) {
      throw new IllegalArgumentException("graph has " + rates.graph().nodes() + " nodes but the problem has "
          + problem.nodes());
    }
    if (!(target > 0)) {
      throw new IllegalArgumentException("target must be > 0, got " + target);
    }
    if (!(maxTime > 0)) {
      throw new IllegalArgumentException("max time must be > 0, got " + maxTime);
    }
  }
}
