package io.dpforge.spark.synth;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Opens the Spark session of a job: embedded ({@code local[*]}) by default, or any master. */
public final class SparkSessions {
  /** The master used when neither the command line nor spark-submit names one. */
  public static final String DEFAULT_MASTER = "local[*]";

  private SparkSessions() {}

  /**
   * A session on {@code master} if given, else on the master spark-submit configured ({@code spark.master}),
   * else embedded on {@link #DEFAULT_MASTER}. An embedded session runs without the web UI and stays on
   * the loopback interface unless {@code SPARK_LOCAL_IP} says otherwise. Spark's console progress bar is
   * off: the job draws its own.
   */
  public static SparkSession open(String master, String appName) {
    String chosen = master != null ? master : new SparkConf().get("spark.master", DEFAULT_MASTER);
    SparkSession.Builder b = SparkSession.builder().appName(appName).master(chosen)
        .config("spark.ui.showConsoleProgress", "false");
    if (chosen.startsWith("local")) {
      b.config("spark.ui.enabled", "false");
      if (System.getenv("SPARK_LOCAL_IP") == null) {
        b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
      }
    }
    return b.getOrCreate();
  }
}
