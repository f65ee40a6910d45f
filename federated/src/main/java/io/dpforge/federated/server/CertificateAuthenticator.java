package io.dpforge.federated.server;

import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.security.RevocationList;
import io.dpforge.federated.security.SignerTrust;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Identity from mutual TLS: the caller is the common name of the client certificate its TLS session was
 * established with (the TLS layer has already checked that the federation's CA issued it). Nothing a
 * request says can change who the caller is. Every call is checked against the {@link RevocationList},
 * which is re-read when its file changes, so revoking a client takes effect on its next call.
 */
public final class CertificateAuthenticator implements ClientAuthenticator {
  /** OID of the TLS client-authentication extended key usage. */
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final RevocationList revoked;

  public CertificateAuthenticator(RevocationList revoked) {
    this.revoked = Objects.requireNonNull(revoked);
  }

  @Override
  public Optional<ClientId> authenticate(Metadata headers, Attributes transport) {
    return Optional.of(identify(transport));
  }

  @Override
  public Registration register(ClientId claimed, Metadata headers, Attributes transport) {
    ClientId id = identify(transport);
    if (!id.equals(claimed)) {
      throw Status.PERMISSION_DENIED.withDescription("the client certificate identifies '" + id
          + "' but the request names '" + claimed + "'; under mutual TLS the certificate decides").asRuntimeException();
    }
    return new Registration(id, "");
  }

  private ClientId identify(Attributes transport) {
    SSLSession session = transport.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      throw Status.UNAUTHENTICATED.withDescription("this coordinator identifies clients by their TLS certificate,"
          + " but the call did not come over TLS").asRuntimeException();
    }
    X509Certificate leaf;
    try {
      Certificate[] chain = session.getPeerCertificates();
      leaf = (X509Certificate) chain[0];
    } catch (SSLPeerUnverifiedException | ClassCastException | ArrayIndexOutOfBoundsException e) {
      throw Status.UNAUTHENTICATED.withDescription("no verified client certificate in the TLS session")
          .asRuntimeException();
    }
    if (!allowsClientAuth(leaf)) {
      throw Status.PERMISSION_DENIED.withDescription("the peer certificate " + leaf.getSubjectX500Principal()
          + " is not a client certificate (extended key usage lacks clientAuth)").asRuntimeException();
    }
    String name = SignerTrust.commonName(leaf);
    byte[] der;
    try {
      der = leaf.getEncoded();
    } catch (CertificateEncodingException e) {
      throw Status.UNAUTHENTICATED.withDescription("unreadable client certificate").asRuntimeException();
    }
    if (revoked.isRevoked(name, der)) {
      throw Status.PERMISSION_DENIED.withDescription("client '" + name + "' has been revoked").asRuntimeException();
    }
    return new ClientId(name);
  }

  private static boolean allowsClientAuth(X509Certificate c) {
    try {
      List<String> eku = c.getExtendedKeyUsage();
      return eku == null || eku.contains(CLIENT_AUTH);
    } catch (CertificateParsingException e) {
      return false;
    }
  }
}
