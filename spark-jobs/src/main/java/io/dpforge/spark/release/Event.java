package io.dpforge.spark.release;

import java.sql.Timestamp;

/** One parsed input event: a contribution before bounding, with the individual it comes from. A Spark bean. */
public class Event extends Contribution {
  private String user;

  public Event() {}

  public Event(String user, String key, long tick, Timestamp time) {
    super(key, tick, time);
    this.user = user;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }
}
