package io.dpforge.decentralized.rpc;

import io.dpforge.decentralized.sim.TracePoint;
import java.util.List;

/**
 * What a cluster run did. Counts are read from the nodes at the first poll where the error was at most
 * the target (or at the end).
 *
 * @param reachedTarget whether (1/n)Σ‖x_i − x*‖² fell to the target
 * @param diverged whether the error blew up (the nodes fell behind their clocks; see {@code meanLag})
 * @param gradients gradient events
 * @param communications exchanges completed (counted by the initiators)
 * @param initiated exchanges completed by initiators by the end of the run (after the clocks stopped)
 * @param answered exchanges applied by responders by the end of the run: equal to {@code initiated}
 *     when no exchange was lost
 * @param failedExchanges exchanges whose responder could not be reached (applied by neither end)
 * @param time gossip time units
 * @param wallSeconds wall-clock seconds from the first event
 * @param error the error there
 * @param bytesSent serialized bytes sent by all nodes, both directions
 * @param payloadBytesPerDirection vector payload of one message, 8·d
 * @param invariantDrift ‖Σ_i z_i‖ / Σ_i ‖z_i‖ after all events stopped (DADAO's exchange invariant, 0 up to
 *     round-off when no exchange was lost or half-applied); NaN for methods without one
 * @param meanLag mean lateness of events behind their Poisson schedule, in units (near 0 when the
 *     machine keeps up with the time unit)
 * @param maxLag largest lateness of one event, in units
 * @param trace the error at every poll
 */
public record ClusterResult(boolean reachedTarget, boolean diverged, long gradients, long communications, long initiated, long answered,
    long failedExchanges, double time, double wallSeconds, double error, long bytesSent, long payloadBytesPerDirection,
    double invariantDrift, double meanLag, double maxLag, List<TracePoint> trace) {

  public ClusterResult {
    trace = List.copyOf(trace);
  }

  /** Exchanges completed per wall-clock second. */
  public double communicationsPerSecond() {
    return communications / wallSeconds;
  }

  /** Bytes sent per wall-clock second, all nodes. */
  public double bytesPerSecond() {
    return bytesSent / wallSeconds;
  }
}
