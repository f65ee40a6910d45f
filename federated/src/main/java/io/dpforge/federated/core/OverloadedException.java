package io.dpforge.federated.core;

import java.time.Duration;

/** Back-pressure: the coordinator cannot take this upload now; the client should retry after a delay. */
public final class OverloadedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  public OverloadedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
