package io.dpforge.federated.server;

import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.wire.ProtocolHeaders;
import io.grpc.Attributes;
import io.grpc.Metadata;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identity by session token: Register issues a random 128-bit token per client id, later calls carry
 * it in the {@code dpforge-session} header. Tokens live in memory only, so after a coordinator restart
 * clients get UNAUTHENTICATED and register again (keeping their id and history). This trusts the
 * claimed client id at registration; mutual TLS replaces it with the certificate identity.
 */
public final class SessionTokens implements ClientAuthenticator {
  private final SecureRandom random = new SecureRandom();
  private final Map<String, ClientId> byToken = new ConcurrentHashMap<>();
  private final Map<ClientId, String> byClient = new ConcurrentHashMap<>();

  @Override
  public Optional<ClientId> authenticate(Metadata headers, Attributes transport) {
    String token = headers.get(ProtocolHeaders.SESSION);
    return token == null ? Optional.empty() : Optional.ofNullable(byToken.get(token));
  }

  @Override
  public synchronized Registration register(ClientId claimed, Metadata headers, Attributes transport) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    String token = HexFormat.of().formatHex(b);
    String old = byClient.put(claimed, token);
    if (old != null) {
      byToken.remove(old);
    }
    byToken.put(token, claimed);
    return new Registration(claimed, token);
  }
}
