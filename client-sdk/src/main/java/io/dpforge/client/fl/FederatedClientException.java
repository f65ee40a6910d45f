package io.dpforge.client.fl;

/**
 * Base of the failures a {@link FederatedClient} caller must handle. Each subclass is one situation
 * with one remedy; transient network trouble and back-pressure are retried inside the client and only
 * surface once the retry budget is spent.
 */
public abstract class FederatedClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected FederatedClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
