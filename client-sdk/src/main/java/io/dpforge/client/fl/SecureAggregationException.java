package io.dpforge.client.fl;

/**
 * Secure aggregation could not be used for an update: the client requires it and the coordinator does
 * not run it, or the client kept leaving cohorts it could not trust (neighbour keys that did not verify,
 * cohorts too small to hide the update) until its retry budget was spent. The update was not sent in the
 * clear.
 */
public final class SecureAggregationException extends FederatedClientException {
  private static final long serialVersionUID = 1L;

  public SecureAggregationException(String message, Throwable cause) {
    super(message, cause);
  }
}
