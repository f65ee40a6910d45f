package io.dpforge.spark.release;

import io.dpforge.dp.data.InvalidInputException;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Turns input rows (key, user, parsed time, raw time, file) into events with their tick. A row with a
 * missing key or an unreadable time fails the job with the file, field and value; keys outside the
 * public list and times outside the horizon are not released and are dropped.
 */
final class EventParser implements FlatMapFunction<Row, Event> {
  private static final long serialVersionUID = 1L;

  private final Set<String> keys;
  private final TickClock clock;
  private final String keyColumn;
  private final String timeColumn;

  EventParser(List<String> keys, TickClock clock, String keyColumn, String timeColumn) {
    this.keys = new HashSet<>(keys);
    this.clock = clock;
    this.keyColumn = keyColumn;
    this.timeColumn = timeColumn;
  }

  @Override
  public Iterator<Event> call(Row row) {
    String key = row.getString(0);
    String user = row.getString(1);
    Timestamp time = row.getTimestamp(2);
    if (key == null) {
      throw new InvalidInputException(row.getString(4) + ": field '" + keyColumn + "': expected a key, got an empty value");
    }
    if (time == null) {
      throw new InvalidInputException(row.getString(4) + ": field '" + timeColumn
          + "': expected an ISO-8601 timestamp or date (e.g. 2024-05-01T12:00:00Z), got '" + row.getString(3) + "'");
    }
    long micros = Math.addExact(Math.multiplyExact(Math.floorDiv(time.getTime(), 1000L), 1_000_000L),
        time.getNanos() / 1000);
    long tick = clock.tickOf(micros);
    if (!keys.contains(key) || tick < 0 || tick >= clock.horizon()) {
      return Collections.emptyIterator();
    }
    return Collections.singletonList(new Event(user, key, tick, time)).iterator();
  }
}
