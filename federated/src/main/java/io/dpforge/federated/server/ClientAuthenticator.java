package io.dpforge.federated.server;

import io.dpforge.federated.core.ClientId;
import io.grpc.Attributes;
import io.grpc.Metadata;
import java.util.Optional;

/**
 * Decides who is calling. The identity comes from the transport (today a session token issued by
 * Register; under mutual TLS the peer certificate in {@code Grpc.TRANSPORT_ATTR_SSL_SESSION}), never
 * from a field the client fills in.
 */
public interface ClientAuthenticator {

  /** The caller of an RPC other than Register, or empty when it cannot be established. */
  Optional<ClientId> authenticate(Metadata headers, Attributes transport);

  /**
   * The identity a Register call establishes, and what the client must send on later calls.
   *
   * @param claimed the client id the request names
   * @return the identity and its session token ("" when the transport alone identifies the client)
   */
  Registration register(ClientId claimed, Metadata headers, Attributes transport);

  /** An established identity. */
  record Registration(ClientId client, String sessionToken) {}
}
