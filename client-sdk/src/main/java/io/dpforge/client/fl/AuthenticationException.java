package io.dpforge.client.fl;

/** The coordinator refused this client's identity (session or certificate), even after registering again. */
public final class AuthenticationException extends FederatedClientException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
