package io.dpforge.spark.release;

import java.sql.Timestamp;

/** One bounded contribution: +1 to a key's count at a tick, with its event time. A Spark bean. */
public class Contribution extends KeyTick {
  private Timestamp time;

  public Contribution() {}

  public Contribution(String key, long tick, Timestamp time) {
    super(key, tick);
    this.time = time;
  }

  /** The event time, carried so the next stateful operator sees the watermark. */
  public Timestamp getTime() {
    return time;
  }

  public void setTime(Timestamp time) {
    this.time = time;
  }
}
