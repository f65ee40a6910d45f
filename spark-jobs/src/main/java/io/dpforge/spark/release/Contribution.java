package io.dpforge.spark.release;

import java.io.Serializable;
import java.sql.Timestamp;

/** One bounded contribution: +1 to a key's count at a tick. A Spark bean. */
public class Contribution implements Serializable {
  private String key;
  private long tick;
  private Timestamp time;

  public Contribution() {}

  public Contribution(String key, long tick, Timestamp time) {
    this.key = key;
    this.tick = tick;
    this.time = time;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public long getTick() {
    return tick;
  }

  public void setTick(long tick) {
    this.tick = tick;
  }

  /** The event time, carried so the next stateful operator sees the watermark. */
  public Timestamp getTime() {
    return time;
  }

  public void setTime(Timestamp time) {
    this.time = time;
  }
}
