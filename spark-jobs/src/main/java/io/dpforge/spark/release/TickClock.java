package io.dpforge.spark.release;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Public ticks from event time: tick t covers [start + t·Δ, start + (t+1)·Δ). The release schedule
 * depends only on these public ticks and the watermark, never on how the data arrived in micro-batches
 * (research brief §d.3, rule 1). Tick t is released once the watermark reaches its end.
 *
 * @param startMicros the start of tick 0, microseconds since the epoch
 * @param tickMicros Δ in microseconds
 * @param horizon T, the number of ticks
 */
public record TickClock(long startMicros, long tickMicros, long horizon) implements Serializable {

  public TickClock {
    if (tickMicros <= 0) {
      throw new IllegalArgumentException("the tick must be positive, got " + tickMicros + " µs");
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("the horizon must be at least 1 tick, got " + horizon);
    }
  }

  public static TickClock of(Instant start, Duration tick, long horizon) {
    return new TickClock(Math.multiplyExact(start.getEpochSecond(), 1_000_000L) + start.getNano() / 1000,
        tick.toNanos() / 1000, horizon);
  }

  /** The tick of an event time (may be negative or ≥ T: outside the horizon). */
  public long tickOf(long eventMicros) {
    return Math.floorDiv(eventMicros - startMicros, tickMicros);
  }

  /** The end of tick t in milliseconds (the watermark at which it is released). */
  public long endMillis(long tick) {
    return Math.floorDiv(startMicros + (tick + 1) * tickMicros, 1000L);
  }

  /** The start of tick t. */
  public Instant startOf(long tick) {
    long micros = startMicros + tick * tickMicros;
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  /** The last tick whose end is at or before the watermark, capped at T − 1; −1 if none. */
  public long lastClosedTick(long watermarkMillis) {
    long closed = Math.floorDiv(watermarkMillis * 1000 - startMicros, tickMicros) - 1;
    return Math.max(-1, Math.min(closed, horizon - 1));
  }
}
