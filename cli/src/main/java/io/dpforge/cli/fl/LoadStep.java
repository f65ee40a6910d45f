package io.dpforge.cli.fl;

/**
 * One offered rate of the stress benchmark and what the coordinator sustained.
 *
 * @param offeredPerSecond Poisson arrival rate λ of uploads
 * @param completedPerSecond acknowledged uploads per second
 * @param failed uploads that failed
 * @param p50Millis median upload latency (client side, call start to acknowledgement)
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param maxMillis slowest upload
 * @param versionsPerSecond model versions the coordinator produced per second in this step
 */
record LoadStep(double offeredPerSecond, double completedPerSecond, long failed, double p50Millis, double p95Millis,
    double p99Millis, double maxMillis, double versionsPerSecond) {

  /** Sustained: at least 95% of the offered rate acknowledged, none failed, p99 under one second. */
  boolean sustained() {
    return failed == 0 && completedPerSecond >= 0.95 * offeredPerSecond && p99Millis < 1000;
  }
}
