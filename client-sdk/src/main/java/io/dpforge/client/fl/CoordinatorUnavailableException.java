package io.dpforge.client.fl;

/** The coordinator could not be reached (or kept failing) for the whole retry budget. Try again later. */
public final class CoordinatorUnavailableException extends FederatedClientException {
  private static final long serialVersionUID = 1L;

  public CoordinatorUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
