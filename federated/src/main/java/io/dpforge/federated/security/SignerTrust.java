package io.dpforge.federated.security;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Objects;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Decides whether an Ed25519 signing certificate belongs to a named member of the federation: issued by
 * the federation's CA, valid now, an end-entity certificate for digital signatures, with an Ed25519 key,
 * and the expected common name. Used by the coordinator (update metadata) and by clients (keys relayed
 * during secure aggregation).
 */
public final class SignerTrust {
  private final X509Certificate ca;

  public SignerTrust(X509Certificate ca) {
    this.ca = Objects.requireNonNull(ca);
  }

  /** Trusts the CA certificate in a PEM file. */
  public static SignerTrust fromFile(Path caPem) {
    return new SignerTrust(PemFiles.readCertificate(caPem));
  }

  /** A verified signer: the name and key a certificate vouches for. */
  public record Signer(String name, PublicKey key, String fingerprint, byte[] certificateDer) {
    /** Whether {@code signature} is this signer's Ed25519 signature over {@code statement}. */
    public boolean verifies(Statement statement, byte[] signature) {
      if (signature == null || signature.length != 64) {
        return false;
      }
      try {
        Signature s = Signature.getInstance("Ed25519", Crypto.PROVIDER);
        s.initVerify(key);
        s.update(statement.toBytes());
        return s.verify(signature);
      } catch (GeneralSecurityException e) {
        return false;
      }
    }

    /**
     * Checks a signature.
     *
     * @throws SignatureRejectedException UNSIGNED when there is none, BAD_SIGNATURE when it does not verify
     */
    public void require(Statement statement, byte[] signature, String what) {
      if (signature == null || signature.length == 0) {
        throw new SignatureRejectedException(SignatureRejectedException.Reason.UNSIGNED, what + " from " + name
            + " is not signed; this coordinator requires Ed25519 signatures");
      }
      if (!verifies(statement, signature)) {
        throw new SignatureRejectedException(SignatureRejectedException.Reason.BAD_SIGNATURE, what + " from " + name
            + ": the signature does not verify (altered, replayed from another context, or signed by another key)");
      }
    }
  }

  /**
   * Verifies a DER signing certificate for {@code expectedName}.
   *
   * @throws SignatureRejectedException UNTRUSTED_CERTIFICATE naming what is wrong
   */
  public Signer verify(byte[] certificateDer, String expectedName) {
    X509Certificate c = parse(certificateDer);
    try {
      c.verify(ca.getPublicKey(), Crypto.PROVIDER);
      c.checkValidity();
    } catch (GeneralSecurityException e) {
      throw untrusted("the signing certificate of " + expectedName + " is not a valid certificate of this federation's"
          + " CA: " + e.getMessage());
    }
    if (c.getBasicConstraints() >= 0) {
      throw untrusted("the signing certificate of " + expectedName + " is a CA certificate");
    }
    boolean[] usage = c.getKeyUsage();
    if (usage == null || !usage[0]) {
      throw untrusted("the signing certificate of " + expectedName + " does not allow digital signatures");
    }
    String alg = c.getPublicKey().getAlgorithm();
    if (!alg.equals("Ed25519") && !alg.equals("EdDSA")) {
      throw untrusted("the signing certificate of " + expectedName + " holds a " + alg + " key, not Ed25519");
    }
    String name = commonName(c);
    if (!name.equals(expectedName)) {
      throw untrusted("the signing certificate names '" + name + "' but the sender is '" + expectedName + "'");
    }
    return new Signer(name, ed25519(c.getPublicKey()), fingerprint(certificateDer), certificateDer.clone());
  }

  /** The key as Bouncy Castle's Ed25519 key, whichever provider parsed the certificate. */
  private static PublicKey ed25519(PublicKey k) {
    try {
      return KeyFactory.getInstance("Ed25519", Crypto.PROVIDER).generatePublic(new X509EncodedKeySpec(k.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw untrusted("unreadable Ed25519 key: " + e.getMessage());
    }
  }

  /** SHA-256 of a DER certificate, in hex. */
  public static String fingerprint(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The subject's common name. */
  public static String commonName(X509Certificate c) {
    try {
      LdapName dn = new LdapName(c.getSubjectX500Principal().getName());
      for (Rdn rdn : dn.getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      throw new SignatureRejectedException(SignatureRejectedException.Reason.UNTRUSTED_CERTIFICATE,
          "unreadable certificate subject: " + e.getMessage());
    }
    throw new SignatureRejectedException(SignatureRejectedException.Reason.UNTRUSTED_CERTIFICATE,
        "the certificate subject " + c.getSubjectX500Principal() + " has no common name");
  }

  static X509Certificate parse(byte[] der) {
    if (der == null || der.length == 0) {
      throw untrusted("no signing certificate was sent");
    }
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw untrusted("not an X.509 certificate: " + e.getMessage());
    }
  }

  private static SignatureRejectedException untrusted(String message) {
    return new SignatureRejectedException(SignatureRejectedException.Reason.UNTRUSTED_CERTIFICATE, message);
  }

  @Override
  public String toString() {
    return "SignerTrust[" + ca.getSubjectX500Principal() + "]";
  }
}
