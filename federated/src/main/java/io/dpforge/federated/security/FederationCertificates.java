package io.dpforge.federated.security;

import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The certificates of one federation, laid out so that each party gets exactly one folder:
 *
 * <pre>
 * DIR/ca/ca.pem, ca.key                        the CA (keep the key offline)
 * DIR/server/ca.pem, server.pem, server.key    the coordinator's --tls-dir
 * DIR/clients/NAME/ca.pem, client.pem, client.key, signing.pem, signing.key
 *                                              one client's --tls-dir
 * </pre>
 *
 * Every file is PEM and readable by its owner only (0600), every folder 0700. The whole tree is written
 * into a temporary folder and moved into place at the end, so a failure leaves nothing half-written.
 */
public final class FederationCertificates {
  public static final String CA = "ca";
  public static final String SERVER = "server";
  public static final String CLIENTS = "clients";

  private FederationCertificates() {}

  /** What {@link #init} wrote. */
  public record Summary(Path dir, List<String> clients, List<String> hosts, Duration validity) {}

  /** Client names: {@code prefix-0000}, {@code prefix-0001}, ... */
  public static List<String> clientNames(String prefix, int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(String.format("%s-%04d", prefix, i));
    }
    return names;
  }

  /**
   * Creates a CA, the coordinator's certificate and one TLS and one signing certificate per client.
   *
   * @throws InvalidInputException when {@code dir} exists and is not empty (keys are never overwritten)
   */
  public static Summary init(Path dir, List<String> clients, List<String> hosts, Duration validity,
      SecureRandom random) {
    if (clients.isEmpty()) {
      throw new InvalidInputException("--clients must be >= 1");
    }
    requireEmpty(dir);
    Path tmp;
    try {
      Path parent = dir.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    try {
      CertificateAuthority ca = CertificateAuthority.create("dpforge federation CA", validity, random);
      Path caDir = folder(tmp.resolve(CA));
      PemFiles.writeCertificate(caDir.resolve("ca.pem"), ca.certificate());
      PemFiles.writePrivateKey(caDir.resolve("ca.key"), ca.privateKey());

      Path serverDir = folder(tmp.resolve(SERVER));
      PemFiles.writeCertificate(serverDir.resolve("ca.pem"), ca.certificate());
      CertificateAuthority.Issued server = ca.issueServer("dpforge coordinator", hosts);
      PemFiles.writeCertificate(serverDir.resolve("server.pem"), server.certificate());
      PemFiles.writePrivateKey(serverDir.resolve("server.key"), server.key());

      Path clientsDir = folder(tmp.resolve(CLIENTS));
      for (String name : clients) {
        Path c = folder(clientsDir.resolve(name));
        PemFiles.writeCertificate(c.resolve("ca.pem"), ca.certificate());
        CertificateAuthority.Issued tls = ca.issueClient(name);
        PemFiles.writeCertificate(c.resolve("client.pem"), tls.certificate());
        PemFiles.writePrivateKey(c.resolve("client.key"), tls.key());
        CertificateAuthority.Issued signing = ca.issueSigning(name);
        PemFiles.writeCertificate(c.resolve(SigningKey.CERTIFICATE_FILE), signing.certificate());
        PemFiles.writePrivateKey(c.resolve(SigningKey.KEY_FILE), signing.key());
      }
      Files.deleteIfExists(dir);
      AtomicFiles.moveIntoPlace(tmp, dir);
      PemFiles.ownerOnly(dir);
      tmp = null;
      return new Summary(dir, List.copyOf(clients), List.copyOf(hosts), validity);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write certificates to " + dir + ": " + e.getMessage(), e);
    } finally {
      deleteTree(tmp);
    }
  }

  private static Path folder(Path p) throws IOException {
    Files.createDirectories(p);
    PemFiles.ownerOnly(p);
    return p;
  }

  private static void requireEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("--dir " + dir + " exists and is not a directory");
    }
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isPresent()) {
        throw new InvalidInputException("--dir " + dir + " is not empty; certificates and keys are never"
            + " overwritten: choose a new directory");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // Best effort: a leftover hidden temporary folder holds nothing that was put into use.
    }
  }
}
