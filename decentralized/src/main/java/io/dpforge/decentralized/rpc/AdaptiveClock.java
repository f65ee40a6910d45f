package io.dpforge.decentralized.rpc;

/**
 * Gossip time whose pace adapts to what the machine sustains, for a cluster in one process.
 *
 * <p>DADAO's constants assume the edge clocks really fire at their rates λ_e per time unit (the
 * condition 2χ1[Λ]χ2[Λ] ≤ 1 is a minimal communication rate; Nabli &amp; Oyallon 2023, §3). If the nodes
 * cannot keep up with a time unit — a JVM still compiling, or a loaded machine — the realised
 * communication rate falls below it and the iterates diverge (in simulation, at half the rate). So a
 * controller lengthens the unit when the nodes fall behind their Poisson schedules and shortens it back
 * towards the requested unit when they keep up. The dynamics live in gossip time, so a change of pace
 * changes nothing but the wall clock; time stays continuous across changes.
 */
public final class AdaptiveClock implements GossipClock {
  private static final double SLOW_DOWN_LAG = 0.5;
  private static final double SPEED_UP_LAG = 0.15;

  private record Pace(long wallNanos, double time, double unitNanos) {}

  private final double targetUnitNanos;
  private volatile Pace pace;

  /**
   * @param startInNanos wall-clock delay until time 0
   * @param targetUnitNanos the unit to run at when the machine keeps up
   * @param initialSlowdown how many times longer the first unit is (a fresh JVM is slow)
   */
  public AdaptiveClock(long startInNanos, double targetUnitNanos, double initialSlowdown) {
    this.targetUnitNanos = targetUnitNanos;
    this.pace = new Pace(System.nanoTime() + startInNanos, 0, targetUnitNanos * initialSlowdown);
  }

  @Override
  public double now() {
    Pace p = pace;
    return p.time + (System.nanoTime() - p.wallNanos) / p.unitNanos;
  }

  @Override
  public long nanosUntil(double t) {
    Pace p = pace;
    return (long) Math.ceil(p.wallNanos + (t - p.time) * p.unitNanos - System.nanoTime());
  }

  /**
   * Adjusts the pace from the nodes' recent lateness behind their schedules (in units): lengthens the
   * unit by half when some node is more than {@value #SLOW_DOWN_LAG} units late on average, shortens it
   * by a fifth (not below the target) when all are within {@value #SPEED_UP_LAG}. Short stalls are
   * harmless (in simulation, events that run late but flow to the time they run keep DADAO stable);
   * lateness that persists means the realised rates have dropped.
   */
  public synchronized void adjust(double worstRecentLag) {
    Pace p = pace;
    double unit = p.unitNanos;
    if (worstRecentLag > SLOW_DOWN_LAG) {
      unit *= 1.5;
    } else if (worstRecentLag < SPEED_UP_LAG) {
      unit = Math.max(targetUnitNanos, unit / 1.25);
    }
    if (unit != p.unitNanos) {
      long wall = System.nanoTime();
      double t = p.time + (wall - p.wallNanos) / p.unitNanos;
      pace = new Pace(wall, t, unit);
    }
  }
}
