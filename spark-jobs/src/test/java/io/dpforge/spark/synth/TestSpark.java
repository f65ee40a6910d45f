package io.dpforge.spark.synth;

import org.apache.spark.sql.SparkSession;

/**
 * One embedded Spark session (local[2]) for all tests of this package in a JVM: starting Spark costs
 * seconds, so test classes share it. A test that stops it (a command closing its session) only costs
 * the next one a restart.
 */
final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  static synchronized SparkSession session() {
    if (session == null || session.sparkContext().isStopped()) {
      session = SparkSessions.open("local[2]", "dpforge spark-jobs tests");
    }
    return session;
  }
}
