package io.dpforge.client.fl;

/**
 * Under central DP, this client has contributed to as many aggregates as the privacy budget allows; the
 * coordinator takes no more of its updates in this run.
 */
public final class ParticipationLimitException extends FederatedClientException {
  private static final long serialVersionUID = 1L;

  public ParticipationLimitException(String message, Throwable cause) {
    super(message, cause);
  }
}
