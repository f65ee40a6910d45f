package io.dpforge.cli.fl;

/**
 * One offered rate of the stress benchmark and what the coordinator sustained.
 *
 * @param offeredPerSecond Poisson arrival rate λ of uploads
 * @param placed uploads that arrived in the window (a Poisson count with mean λ·window)
 * @param completedPerSecond acknowledged uploads per second of the window
 * @param drainSeconds time after the window's end until the last upload was acknowledged
 * @param failed uploads that failed
 * @param p50Millis median upload latency (client side, call start to acknowledgement)
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param maxMillis slowest upload
 * @param versionsPerSecond model versions the coordinator produced per second in this step
 */
record LoadStep(double offeredPerSecond, long placed, double completedPerSecond, double drainSeconds, long failed, double p50Millis, double p95Millis,
    double p99Millis, double maxMillis, double versionsPerSecond) {

  /**
   * Sustained: every upload that arrived was acknowledged, the backlog drained within a second of the
   * window's end, and the 99th percentile of upload latency stayed under one second.
   */
  boolean sustained() {
    return failed == 0 && drainSeconds < 1.0 && p99Millis < 1000;
  }
}
