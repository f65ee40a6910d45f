package io.dpforge.client.fl;

/**
 * The update was computed on a model the coordinator no longer accepts (too stale, lost in a
 * coordinator restart, or the client already has an update in the open cohort): fetch the model again
 * and retrain. {@link FederatedClient#run} does this on its own.
 */
public final class StaleModelException extends FederatedClientException {
  private static final long serialVersionUID = 1L;

  public StaleModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
