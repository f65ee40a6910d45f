package io.dpforge.decentralized.rpc;

import java.time.Duration;

/**
 * A fixed mapping of wall-clock time to gossip time units, for nodes in separate processes that share
 * an epoch. One unit is the expected time between two gradient events
 * of a node (the research brief, §A4: ACiD divides wall time by the measured gradient time). Nodes that
 * share an epoch agree on event times up to clock skew.
 *
 * <p>The first {@code warmUpUnits} units may run {@code warmUpSlowdown} times slower in wall-clock time.
 * The dynamics live in gossip time, so this changes nothing but the wall clock; it gives a freshly started
 * JVM time to load and compile its code paths without falling behind the Poisson schedule (a node that
 * falls behind fires a burst of late events, which the theory does not cover).
 *
 * @param epochNanos {@link System#nanoTime()} reading at time 0
 * @param unitNanos length of one time unit after the warm-up
 * @param warmUpUnits length of the slow start, in units
 * @param warmUpSlowdown how many times longer a unit lasts during the slow start (≥ 1)
 */
public record TimeBase(long epochNanos, long unitNanos, double warmUpUnits, double warmUpSlowdown)
    implements GossipClock {
  public TimeBase {
    if (unitNanos <= 0) {
      throw new IllegalArgumentException("time unit must be positive, got " + unitNanos + " ns");
    }
    if (!(warmUpUnits >= 0) || !(warmUpSlowdown >= 1)) {
      throw new IllegalArgumentException("need warm-up units >= 0 and slowdown >= 1, got " + warmUpUnits + ", "
          + warmUpSlowdown);
    }
  }

  /** A time base whose time 0 is {@code delay} from now. */
  public static TimeBase startingIn(Duration delay, Duration unit, double warmUpUnits, double warmUpSlowdown) {
    return new TimeBase(System.nanoTime() + delay.toNanos(), unit.toNanos(), warmUpUnits, warmUpSlowdown);
  }

  /** A time base whose time 0 is the given wall-clock instant (epoch milliseconds), for separate processes. */
  public static TimeBase atWallClock(long epochMillis, Duration unit, double warmUpUnits, double warmUpSlowdown) {
    long offsetNanos = (epochMillis - System.currentTimeMillis()) * 1_000_000L;
    return new TimeBase(System.nanoTime() + offsetNanos, unit.toNanos(), warmUpUnits, warmUpSlowdown);
  }

  /** The current time in units (negative before the epoch). */
  @Override
  public double now() {
    double elapsed = System.nanoTime() - epochNanos;
    double slowSpan = warmUpUnits * warmUpSlowdown * unitNanos;
    if (elapsed < slowSpan) {
      return elapsed / (warmUpSlowdown * unitNanos);
    }
    return warmUpUnits + (elapsed - slowSpan) / unitNanos;
  }

  /** Wall-clock nanoseconds from the epoch to time t. */
  public double wallNanosAt(double t) {
    if (t <= warmUpUnits) {
      return t * warmUpSlowdown * unitNanos;
    }
    return warmUpUnits * warmUpSlowdown * unitNanos + (t - warmUpUnits) * unitNanos;
  }

  /** Nanoseconds from now until time t (negative when t has passed). */
  @Override
  public long nanosUntil(double t) {
    return (long) Math.ceil(epochNanos + wallNanosAt(t) - System.nanoTime());
  }
}
