package io.dpforge.client.fl;

/** The coordinator kept pushing back (RESOURCE_EXHAUSTED with a retry delay) for the whole retry budget. */
public final class CoordinatorOverloadedException extends FederatedClientException {
  private static final long serialVersionUID = 1L;

  public CoordinatorOverloadedException(String message, Throwable cause) {
    super(message, cause);
  }
}
