package io.dpforge.decentralized.rpc;

/**
 * Gossip time in units (one unit = the expected time between two gradient events of a node) as a
 * function of wall-clock time. Must be continuous and non-decreasing, and safe to read from any thread.
 */
public interface GossipClock {
  /** The current time in units. */
  double now();

  /** Wall-clock nanoseconds from now until time t at the current pace (≤ 0 when t has passed). */
  long nanosUntil(double t);
}
