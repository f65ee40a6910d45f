package io.dpforge.decentralized.rpc;

/** A neighbour could not be reached for an exchange; the exchange was applied by neither end. */
public final class PeerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PeerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
