package io.dpforge.client.fl;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Exponential backoff with jitter for reconnecting: attempt k waits a uniformly random time in
 * [d_k/2, d_k] with d_k = min(maxBackoff, initialBackoff·multiplier^k) ("equal jitter", so that many
 * clients dropped together do not reconnect in lockstep). Back-pressure waits the coordinator's delay
 * instead, plus up to 20% jitter.
 *
 * @param initialBackoff d_0
 * @param maxBackoff cap on d_k
 * @param multiplier growth per attempt (≥ 1)
 * @param maxAttempts attempts before the failure surfaces (≥ 1)
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, double multiplier, int maxAttempts) {
  public RetryPolicy {
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initial backoff <= max backoff, got " + initialBackoff
          + " and " + maxBackoff);
    }
    if (!(multiplier >= 1)) {
      throw new IllegalArgumentException("backoff multiplier must be >= 1, got " + multiplier);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be >= 1, got " + maxAttempts);
    }
  }

  /** 200 ms doubling to 30 s, 12 attempts (about 3 minutes of trying). */
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), 2.0, 12);
  }

  /** The wait before retry number {@code attempt} (0-based). */
  public Duration backoff(int attempt, SplittableRandom random) {
    double d = Math.min(maxBackoff.toNanos(), initialBackoff.toNanos() * Math.pow(multiplier, attempt));
    return Duration.ofNanos((long) (d / 2 + random.nextDouble() * d / 2));
  }

  /** The wait the coordinator asked for, plus up to 20% jitter. */
  public Duration pushBack(Duration requested, SplittableRandom random) {
    return Duration.ofNanos((long) (requested.toNanos() * (1 + 0.2 * random.nextDouble())));
  }
}
