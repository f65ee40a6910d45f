package io.dpforge.cli.fl;

import io.dpforge.cli.Console;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.federated.security.AuditLog;
import io.dpforge.federated.security.ContributionSignatures;
import io.dpforge.federated.security.RevocationList;
import io.dpforge.federated.security.SignerTrust;
import io.dpforge.federated.server.CertificateAuthenticator;
import io.dpforge.federated.server.CoordinatorServer;
import io.dpforge.federated.wire.TlsFiles;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How the coordinator is reached: mutual TLS by default (client identity from the certificate, signed
 * updates, a revocation list re-read on change, an audit log), plaintext only with {@code --insecure}.
 */
public final class ServerSecurityOptions {
  @Option(names = "--tls-dir", description = "Mutual TLS with ca.pem, server.pem and server.key from this directory"
      + " (dpforge certs init writes it): clients need a certificate of that CA and sign their updates.")
  Path tlsDir;

  @Option(names = "--insecure", description = "Serve plaintext without client certificates (anyone can connect and"
      + " claim any name; traffic is readable). Only for tests on a trusted machine.")
  boolean insecure;

  @Option(names = "--revoked", description = "Revoked clients, one name or sha256:FINGERPRINT per line; re-read when"
      + " the file changes, no restart needed.")
  Path revoked;

  @Option(names = "--audit-log", description = "Append every accepted, signed contribution here (JSON lines;"
      + " default: audit.jsonl in --checkpoint under mutual TLS).")
  Path auditLog;

  private AuditLog audit;
  private ContributionSignatures signatures;
  private RevocationList revocations = RevocationList.NONE;

  /**
   * Checks the flags and opens what they name.
   *
   * @throws InvalidInputException without --tls-dir or --insecure, or with flags that need TLS under --insecure
   */
  void open(Path checkpoint, Console console) {
    if (tlsDir == null && !insecure) {
      throw new InvalidInputException("--tls-dir DIR is required: the coordinator serves mutual TLS and identifies"
          + " clients by their certificates (create them with dpforge certs init); --insecure serves plaintext");
    }
    if (tlsDir != null && insecure) {
      throw new InvalidInputException("give --tls-dir or --insecure, not both");
    }
    if (insecure) {
      if (revoked != null || auditLog != null) {
        throw new InvalidInputException("--revoked and --audit-log need --tls-dir: without certificates there is no"
            + " identity to revoke or signature to audit");
      }
      console.warn("WARNING: --insecure: serving plaintext without client certificates. Anyone who can reach this"
          + " port can join under any name and read the traffic; updates are not signed.");
      return;
    }
    TlsFiles tls = TlsFiles.fromDirectory(tlsDir, "server");
    if (tls.certificate().isEmpty()) {
      throw new InvalidInputException(tlsDir + ": server.pem and server.key not found (dpforge certs init writes them to"
          + " DIR/server)");
    }
    if (revoked != null) {
      revocations = RevocationList.watch(revoked, console::warn);
    }
    Path log = auditLog != null ? auditLog : checkpoint != null ? checkpoint.resolve("audit.jsonl") : null;
    audit = log == null ? null : AuditLog.open(log);
    signatures = new ContributionSignatures(SignerTrust.fromFile(tls.trust()), revocations, audit);
  }

  /** Signature checks (null under --insecure). */
  ContributionSignatures signatures() {
    return signatures;
  }

  /** Applies TLS, certificate identity and signatures to the server. */
  CoordinatorServer.Builder apply(CoordinatorServer.Builder server) {
    if (insecure) {
      return server;
    }
    return server.tls(TlsFiles.fromDirectory(tlsDir, "server")).authenticator(new CertificateAuthenticator(revocations))
        .signatures(signatures);
  }

  String describe() {
    return insecure ? "PLAINTEXT (--insecure)" : "mutual TLS, signed updates" + (revoked == null ? ""
        : ", revocations from " + revoked) + (audit == null ? "" : ", audit log " + audit.file());
  }

  void close() {
    if (audit != null) {
      audit.close();
    }
  }
}
