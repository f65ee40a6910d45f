package io.dpforge.client.fl;

/**
 * The coordinator refused an update's content: wrong dimension, a NaN or infinite value, an over-size
 * or malformed stream. Retrying the same update cannot help; the local training produced it wrongly.
 */
public final class UpdateRejectedException extends FederatedClientException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public UpdateRejectedException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** The coordinator's reason code, e.g. {@code WRONG_DIMENSION} or {@code NOT_FINITE}. */
  public String reason() {
    return reason;
  }
}
