package io.dpforge.spark.release;

import java.io.Serializable;

/** A key at a tick: the common part of the job's Spark beans. */
public class KeyTick implements Serializable {
  private String key;
  private long tick;

  public KeyTick() {}

  KeyTick(String key, long tick) {
    this.key = key;
    this.tick = tick;
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
}
