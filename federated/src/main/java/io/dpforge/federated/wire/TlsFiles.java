package io.dpforge.federated.wire;

import io.dpforge.dp.data.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS material as PEM files: whom to trust, and this side's certificate and private key (PKCS#8).
 *
 * @param trust CA certificates that sign the peer's certificate
 * @param certificate this side's certificate chain (absent: a client without a certificate)
 * @param key this side's private key
 */
public record TlsFiles(Path trust, Optional<Path> certificate, Optional<Path> key) {
  public TlsFiles {
    requireReadable(trust, "trust (CA) certificate");
    if (certificate.isPresent() != key.isPresent()) {
      throw new InvalidInputException("TLS needs both a certificate and its key, or neither; got "
          + certificate.map(Path::toString).orElse("no certificate") + " and " + key.map(Path::toString).orElse("no key"));
    }
    certificate.ifPresent(c -> requireReadable(c, "certificate"));
    key.ifPresent(k -> requireReadable(k, "private key"));
  }

  /**
   * The conventional files of a directory: {@code ca.pem}, and {@code <name>.pem} / {@code <name>.key}
   * when present.
   */
  public static TlsFiles fromDirectory(Path dir, String name) {
    Path cert = dir.resolve(name + ".pem");
    Path key = dir.resolve(name + ".key");
    return new TlsFiles(dir.resolve("ca.pem"),
        Files.exists(cert) ? Optional.of(cert) : Optional.empty(),
        Files.exists(key) ? Optional.of(key) : Optional.empty());
  }

  private static void requireReadable(Path p, String what) {
    if (!Files.isReadable(p)) {
      throw new InvalidInputException(p + ": " + what + " PEM file not found or not readable");
    }
  }
}
