package io.dpforge.cli.fl;

import io.dpforge.cli.Console;
import io.dpforge.client.fl.FederatedClient;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.federated.secagg.KeyVerification;
import io.dpforge.federated.security.RevocationList;
import io.dpforge.federated.security.SignerTrust;
import io.dpforge.federated.security.SigningKey;
import io.dpforge.federated.wire.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a client reaches the coordinator: mutual TLS with its certificate (and signing key) by default,
 * plaintext only with {@code --insecure}; optionally insisting on secure aggregation.
 */
public final class ClientSecurityOptions {
  @Option(names = "--tls-dir", description = "Mutual TLS with ca.pem, client.pem and client.key from this directory;"
      + " signing.pem and signing.key there sign the updates (dpforge certs init writes DIR/clients/NAME).")
  Path tlsDir;

  @Option(names = "--insecure", description = "Connect in plaintext without a certificate (only to a coordinator"
      + " started with --insecure).")
  boolean insecure;

  @Option(names = "--secure-aggregation", description = "Refuse to send updates unless the coordinator runs secure"
      + " aggregation (updates are then only ever seen as part of a cohort's sum).")
  boolean requireSecureAggregation;

  @Option(names = "--revoked", description = "Under secure aggregation, refuse neighbours on this revocation list"
      + " (one name or sha256:FINGERPRINT per line; re-read when it changes).")
  Path revoked;

  /**
   * Configures the client's transport security.
   *
   * @throws InvalidInputException without --tls-dir or --insecure
   */
  FederatedClient.Builder apply(FederatedClient.Builder b, Console console) {
    if (tlsDir == null && !insecure) {
      throw new InvalidInputException("--tls-dir DIR is required (this client's certificate folder from dpforge certs"
          + " init); --insecure connects in plaintext to a coordinator started with --insecure");
    }
    if (tlsDir != null && insecure) {
      throw new InvalidInputException("give --tls-dir or --insecure, not both");
    }
    b.requireSecureAggregation(requireSecureAggregation);
    if (insecure) {
      if (revoked != null) {
        throw new InvalidInputException("--revoked needs --tls-dir: without certificates neighbours' keys cannot be"
            + " checked");
      }
      console.warn("WARNING: --insecure: plaintext connection without a certificate; the coordinator cannot tell"
          + " this client from anyone else and the traffic is readable.");
      return b;
    }
    TlsFiles tls = TlsFiles.fromDirectory(tlsDir, "client");
    if (tls.certificate().isEmpty()) {
      throw new InvalidInputException(tlsDir + ": client.pem and client.key not found (dpforge certs init writes them"
          + " to DIR/clients/NAME)");
    }
    b.tls(tls);
    if (Files.exists(tlsDir.resolve(SigningKey.KEY_FILE))) {
      b.signing(SigningKey.fromDirectory(tlsDir));
    }
    RevocationList list = revoked == null ? RevocationList.NONE : RevocationList.watch(revoked, console::warn);
    return b.verifyPeers(new KeyVerification(SignerTrust.fromFile(tls.trust()), list));
  }
}
