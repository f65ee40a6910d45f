package io.dpforge.federated.wire;

import io.grpc.Metadata;

/** Metadata keys of the protocol, shared by coordinator and clients. */
public final class ProtocolHeaders {
  /** The session token from Register, sent on every later call. */
  public static final Metadata.Key<String> SESSION =
      Metadata.Key.of("dpforge-session", Metadata.ASCII_STRING_MARSHALLER);
  /** On a refused update: the machine-readable reason (an {@code UpdateRejectedException.Reason} name). */
  public static final Metadata.Key<String> REJECT_REASON =
      Metadata.Key.of("dpforge-reject-reason", Metadata.ASCII_STRING_MARSHALLER);

  private ProtocolHeaders() {}
}
