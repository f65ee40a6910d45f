package io.dpforge.spark.release;

import io.dpforge.dp.continual.CounterStream;
import io.dpforge.dp.continual.ReleasePostProcessing;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.streaming.ExpiredTimerInfo;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessorWithInitialState;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import org.apache.spark.sql.streaming.ValueState;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One continual counter per public key in the state store ({@code transformWithState}, event time).
 *
 * <p>Every key of the public key list starts from the initial state, which registers a timer at the end
 * of tick 0; each time the watermark passes the end of the next unreleased tick, the key releases every
 * closed tick, data or not, and re-arms the timer. So every key advances every tick (brief §d.3, rules 2
 * and 3): a missing row would reveal that the key had no data. Contributions to open ticks wait in
 * the state; one for a tick already released is dropped (Spark drops events behind the watermark the
 * same way). The noise of (key, tick) is a pure function of the secret, the key and the tick, so a
 * replayed batch releases identical values (rule 4).
 */
final class KeyCounter extends StatefulProcessorWithInitialState<String, Contribution, Release, byte[]> {
  private static final long serialVersionUID = 1L;

  private final CounterSpec spec;
  private final TickClock clock;
  private transient ValueState<byte[]> counter;

  KeyCounter(CounterSpec spec, TickClock clock) {
    this.spec = spec;
    this.clock = clock;
  }

  /** The state every key starts from: nothing released, an empty stream. */
  static byte[] initialState(CounterSpec spec, String key) {
    return new KeyCounterState(0, spec.open(key).saveState()).encode();
  }

  @Override
  public void init(OutputMode outputMode, TimeMode timeMode) {
    counter = getHandle().getValueState("counter", Encoders.BINARY(), TTLConfig.NONE());
  }

  @Override
  public void handleInitialState(String key, byte[] initial, TimerValues timers) {
    counter.update(initial);
    getHandle().registerTimer(clock.endMillis(0));
  }

  @Override
  public Iterator<Release> handleInputRows(String key, Iterator<Contribution> rows, TimerValues timers) {
    KeyCounterState s = KeyCounterState.decode(counter.get());
    long watermark = timers.getCurrentWatermarkInMs();
    rows.foreach(c -> {
      if (c.getTime().getTime() >= watermark && c.getTick() >= s.nextTick) {
        s.pending.merge(c.getTick(), 1L, Long::sum);
      }
      return null;
    });
    return CollectionConverters.asScala(releaseClosedTicks(key, s, timers.getCurrentWatermarkInMs()).iterator());
  }

  @Override
  public Iterator<Release> handleExpiredTimer(String key, TimerValues timers, ExpiredTimerInfo info) {
    KeyCounterState s = KeyCounterState.decode(counter.get());
    return CollectionConverters.asScala(releaseClosedTicks(key, s, timers.getCurrentWatermarkInMs()).iterator());
  }

  private List<Release> releaseClosedTicks(String key, KeyCounterState s, long watermarkMillis) {
    long closed = clock.lastClosedTick(watermarkMillis);
    List<Release> out = new ArrayList<>();
    if (closed >= s.nextTick) {
      CounterStream stream = spec.restore(s.stream, key);
      for (long t = s.nextTick; t <= closed; t++) {
        Long count = s.pending.remove(t);
        double noisy = stream.release(count == null ? 0 : count);
        out.add(new Release(key, t, clock.startOf(t).toString(), noisy, ReleasePostProcessing.wholeNonNegative(noisy),
            spec.noiseLabel()));
      }
      s.stream = stream.saveState();
      getHandle().deleteTimer(clock.endMillis(s.nextTick));
      s.nextTick = closed + 1;
      if (s.nextTick < clock.horizon()) {
        getHandle().registerTimer(clock.endMillis(s.nextTick));
      }
    }
    counter.update(s.encode());
    return out;
  }
}
