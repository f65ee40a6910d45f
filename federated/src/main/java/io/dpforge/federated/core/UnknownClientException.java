package io.dpforge.federated.core;

/** A call from a client that has not registered (or whose session the coordinator no longer knows). */
public final class UnknownClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownClientException(String message) {
    super(message);
  }
}
