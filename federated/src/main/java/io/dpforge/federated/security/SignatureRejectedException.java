package io.dpforge.federated.security;

/** A signed message (or the certificate behind it) that is refused, with the reason. */
public final class SignatureRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a signature was refused. */
  public enum Reason {
    /** The message carries no signature where one is required. */
    UNSIGNED,
    /** The client has not enrolled a signing certificate with this coordinator (it restarted): register again. */
    NOT_ENROLLED,
    /** The signature does not verify: the message was altered, or signed by another key or for another context. */
    BAD_SIGNATURE,
    /** The signing certificate is not issued by the federation's CA, expired, of the wrong kind or name. */
    UNTRUSTED_CERTIFICATE,
    /** The signer is on the revocation list. */
    REVOKED
  }

  private final Reason reason;

  public SignatureRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
