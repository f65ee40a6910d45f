package io.dpforge.spark.release;

import java.io.Serializable;
import java.sql.Timestamp;

/** One input event after parsing: who, which public key, when, and its tick. A Spark bean. */
public class Event implements Serializable {
  private String user;
  private String key;
  private long tick;
  private Timestamp time;

  public Event() {}

  public Event(String user, String key, long tick, Timestamp time) {
    this.user = user;
    this.key = key;
    this.tick = tick;
    this.time = time;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
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

  public Timestamp getTime() {
    return time;
  }

  public void setTime(Timestamp time) {
    this.time = time;
  }
}
