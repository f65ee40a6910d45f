package io.dpforge.decentralized.sim;

/** A stream of events in non-decreasing time order. */
public interface EventSource {
  /** The next event, or {@code null} when the stream is exhausted. */
  Event next();
}
