package io.dpforge.federated.security;

import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Certificates and private keys as PEM files. Every file is written atomically and readable by its
 * owner only (0600) from the moment it exists, so a key is never world-readable, not even for a moment.
 */
public final class PemFiles {
  private PemFiles() {}

  /** Writes a certificate. */
  public static void writeCertificate(Path file, X509Certificate certificate) {
    write(file, certificate);
  }

  /** Writes a private key as unencrypted PKCS#8 (what gRPC's TLS key managers read). */
  public static void writePrivateKey(Path file, PrivateKey key) {
    try {
      write(file, new JcaPKCS8Generator(key, null));
    } catch (PemGenerationException e) {
      throw new IllegalStateException("cannot encode the private key for " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, Object pemObject) {
    AtomicFiles.writeOwnerOnly(file, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
      JcaPEMWriter pem = new JcaPEMWriter(w);
      pem.writeObject(pemObject);
      pem.flush();
    });
  }

  /** Restricts a file (0600) or directory (0700) to its owner, where the file system has POSIX permissions. */
  static void ownerOnly(Path path) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------"
          : "rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the permissions of " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the first certificate of a PEM file.
   *
   * @throws InvalidInputException naming the file when it holds no certificate
   */
  public static X509Certificate readCertificate(Path file) {
    Object o = readObject(file);
    if (!(o instanceof X509CertificateHolder h)) {
      throw new InvalidInputException(file + ": expected a PEM certificate (BEGIN CERTIFICATE), found "
          + describe(o));
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(h);
    } catch (CertificateException e) {
      throw new InvalidInputException(file + ": not a valid X.509 certificate: " + e.getMessage());
    }
  }

  /**
   * Reads a private key (PKCS#8, or a traditional EC key pair) from a PEM file.
   *
   * @throws InvalidInputException naming the file when it holds no private key
   */
  public static PrivateKey readPrivateKey(Path file) {
    Object o = readObject(file);
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Crypto.PROVIDER);
    try {
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (o instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
    } catch (IOException e) {
      throw new InvalidInputException(file + ": unreadable private key: " + e.getMessage());
    }
    throw new InvalidInputException(file + ": expected a PEM private key (BEGIN PRIVATE KEY), found " + describe(o));
  }

  private static Object readObject(Path file) {
    if (!Files.isReadable(file)) {
      throw new InvalidInputException(file + ": PEM file not found or not readable");
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      if (o == null) {
        throw new InvalidInputException(file + ": no PEM object in the file");
      }
      return o;
    } catch (IOException e) {
      throw new InvalidInputException(file + ": not a PEM file: " + e.getMessage());
    }
  }

  private static String describe(Object o) {
    return o == null ? "nothing" : o.getClass().getSimpleName();
  }
}
