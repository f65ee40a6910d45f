package io.dpforge.federated.security;

import io.dpforge.dp.data.InvalidInputException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * A client's Ed25519 signing key and the CA-issued certificate that binds it to the client's name. It
 * signs update metadata (for the coordinator's audit log) and secure-aggregation keys (so peers can tell
 * that the keys the coordinator relays are the ones the named client sent).
 */
public final class SigningKey {
  public static final String CERTIFICATE_FILE = "signing.pem";
  public static final String KEY_FILE = "signing.key";

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final String name;

  public SigningKey(PrivateKey key, X509Certificate certificate) {
    if (!key.getAlgorithm().equals("Ed25519") && !key.getAlgorithm().equals("EdDSA")) {
      throw new InvalidInputException("a signing key must be Ed25519, got " + key.getAlgorithm());
    }
    this.key = key;
    this.certificate = certificate;
    this.name = SignerTrust.commonName(certificate);
  }

  /** {@code signing.key} and {@code signing.pem} of a client's folder (as written by {@code dpforge certs init}). */
  public static SigningKey fromDirectory(Path dir) {
    return new SigningKey(PemFiles.readPrivateKey(dir.resolve(KEY_FILE)),
        PemFiles.readCertificate(dir.resolve(CERTIFICATE_FILE)));
  }

  /** The name the certificate binds the key to. */
  public String name() {
    return name;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate, DER-encoded, as it travels in Register and in relayed keys. */
  public byte[] certificateDer() {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode the signing certificate: " + e.getMessage(), e);
    }
  }

  /** An Ed25519 signature (64 bytes) over a statement. */
  public byte[] sign(Statement statement) {
    try {
      Signature s = Signature.getInstance("Ed25519", Crypto.PROVIDER);
      s.initSign(key);
      s.update(statement.toBytes());
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with Ed25519: " + e.getMessage(), e);
    }
  }
}
