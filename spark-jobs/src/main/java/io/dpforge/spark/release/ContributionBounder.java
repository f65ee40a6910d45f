package io.dpforge.spark.release;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.streaming.ExpiredTimerInfo;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessor;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import org.apache.spark.sql.streaming.ValueState;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Contribution bounding before the counters (research brief §d.3, rule 5), per (user, tick): at most
 * k distinct keys, and at most one contribution to each (key, tick). Events of a group are taken in
 * (event time, key) order, so the choice is the same when a batch is replayed. The group's state (the
 * keys accepted so far) is dropped when the tick closes; later events of that tick are too late to be
 * counted anyway (the counter has released the tick). Events behind the watermark (a late file) are
 * dropped here, as Spark drops late rows before a stateful operator: which events count then depends
 * only on the logged watermark of the batch, so a replay makes the same choice.
 */
final class ContributionBounder extends StatefulProcessor<String, Event, Contribution> {
  private static final long serialVersionUID = 1L;
  private static final String SEPARATOR = "\n"; // keys come one per line: never inside a key

  private final int maxKeys;
  private final TickClock clock;
  private transient ValueState<String> accepted;

  ContributionBounder(int maxKeys, TickClock clock) {
    this.maxKeys = maxKeys;
    this.clock = clock;
  }

  /** The grouping key: user and tick. */
  static String group(Event e) {
    return e.getTick() + SEPARATOR + e.getUser();
  }

  @Override
  public void init(OutputMode outputMode, TimeMode timeMode) {
    accepted = getHandle().getValueState("accepted-keys", Encoders.STRING(), TTLConfig.NONE());
  }

  @Override
  public Iterator<Contribution> handleInputRows(String group, Iterator<Event> rows, TimerValues timers) {
    long watermark = timers.getCurrentWatermarkInMs();
    List<Event> events = new ArrayList<>();
    rows.foreach(e -> e.getTime().getTime() >= watermark ? events.add(e) : false);
    if (events.isEmpty()) {
      return CollectionConverters.asScala(java.util.Collections.<Contribution>emptyIterator());
    }
    events.sort(Comparator.comparing(Event::getTime).thenComparing(Event::getKey));
    Set<String> keys = new LinkedHashSet<>();
    if (accepted.exists()) {
      keys.addAll(Arrays.asList(accepted.get().split(SEPARATOR)));
    } else {
      getHandle().registerTimer(clock.endMillis(events.get(0).getTick()));
    }
    List<Contribution> out = new ArrayList<>();
    for (Event e : events) {
      if (keys.size() < maxKeys && keys.add(e.getKey())) {
        out.add(new Contribution(e.getKey(), e.getTick(), e.getTime()));
      }
    }
    accepted.update(String.join(SEPARATOR, keys));
    return CollectionConverters.asScala(out.iterator());
  }

  @Override
  public Iterator<Contribution> handleExpiredTimer(String group, TimerValues timers, ExpiredTimerInfo info) {
    accepted.clear();
    return CollectionConverters.asScala(java.util.Collections.<Contribution>emptyIterator());
  }
}
