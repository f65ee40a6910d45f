package io.dpforge.federated.security;

import io.dpforge.dp.data.InvalidInputException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small certificate authority for a federation: it issues the coordinator's TLS certificate, one TLS
 * certificate per client, and one signing certificate per client.
 *
 * <p>TLS certificates use ECDSA P-256 keys: gRPC's default TLS stack (BoringSSL, inside
 * grpc-netty-shaded) refuses Ed25519 certificates, so Ed25519 is used only for the application-level
 * signatures on update metadata and on secure-aggregation keys (research brief java-stack.md §6 item 6).
 * A client's identity is the common name of its TLS certificate; its signing certificate carries the same
 * name, so a signature can be tied to the TLS identity.
 */
public final class CertificateAuthority {
  private static final Pattern DNS_NAME = Pattern.compile("(?i)[a-z0-9*]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final X509Certificate certificate;
  private final PrivateKey key;
  private final Duration validity;
  private final SecureRandom random;

  private CertificateAuthority(X509Certificate certificate, PrivateKey key, Duration validity, SecureRandom random) {
    this.certificate = certificate;
    this.key = key;
    this.validity = validity;
    this.random = random;
  }

  /** An issued certificate and its private key. */
  public record Issued(X509Certificate certificate, PrivateKey key) {}

  /**
   * A new self-signed CA with an ECDSA P-256 key.
   *
   * @param name the CA's common name
   * @param validity how long the CA and every certificate it issues are valid
   */
  public static CertificateAuthority create(String name, Duration validity, SecureRandom random) {
    requirePositive(validity);
    KeyPair keys = ecKeys(random);
    X500Name subject = name(name);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = builder(subject, subject, keys, validity, random)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      return new CertificateAuthority(sign(b, keys.getPrivate()), keys.getPrivate(), validity, random);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot build the CA certificate: " + e.getMessage(), e);
    }
  }

  /** The CA's certificate (what every party trusts). */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The CA's private key (kept apart from what the coordinator and clients receive). */
  public PrivateKey privateKey() {
    return key;
  }

  /**
   * The coordinator's TLS certificate (ECDSA P-256, serverAuth), valid for the given host names and IP
   * addresses.
   *
   * @throws InvalidInputException for a host that is neither a DNS name nor an IP address
   */
  public Issued issueServer(String commonName, List<String> hosts) {
    if (hosts.isEmpty()) {
      throw new InvalidInputException("--hosts: the server certificate needs at least one host name or address");
    }
    GeneralName[] names = new GeneralName[hosts.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = hostName(hosts.get(i));
    }
    KeyPair keys = ecKeys(random);
    return issue(commonName, keys, KeyUsage.digitalSignature, KeyPurposeId.id_kp_serverAuth,
        new GeneralNames(names));
  }

  /** A client's TLS certificate (ECDSA P-256, clientAuth); its common name is the client's identity. */
  public Issued issueClient(String clientId) {
    return issue(clientId, ecKeys(random), KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth, null);
  }

  /**
   * A client's Ed25519 signing certificate (digitalSignature and nonRepudiation, no TLS purpose): the key
   * signs update metadata and secure-aggregation keys.
   */
  public Issued issueSigning(String clientId) {
    KeyPair keys;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519", Crypto.PROVIDER);
      g.initialize(255, random);
      keys = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available: " + e.getMessage(), e);
    }
    return issue(clientId, keys, KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null, null);
  }

  private Issued issue(String commonName, KeyPair keys, int keyUsage, KeyPurposeId purpose, GeneralNames altNames) {
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = builder(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
          name(commonName), keys, validity, random)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
      if (purpose != null) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      }
      if (altNames != null) {
        b.addExtension(Extension.subjectAlternativeName, false, altNames);
      }
      return new Issued(sign(b, key), keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + commonName + ": " + e.getMessage(), e);
    }
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Duration validity,
      SecureRandom random) {
    Instant now = Instant.now();
    // Back-dated by a minute so that a peer whose clock is slightly behind accepts it at once.
    Date from = Date.from(now.minusSeconds(60));
    Date to = Date.from(now.plus(validity));
    BigInteger serial = new BigInteger(127, random).setBit(126);
    return new JcaX509v3CertificateBuilder(issuer, serial, from, to, subject, keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.PROVIDER).build(issuerKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  private static KeyPair ecKeys(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA P-256 is not available: " + e.getMessage(), e);
    }
  }

  private static X500Name name(String commonName) {
    Objects.requireNonNull(commonName, "common name");
    if (commonName.isBlank() || commonName.length() > 64) {
      throw new InvalidInputException("a certificate name must be 1-64 characters, got '" + commonName + "'");
    }
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  private static GeneralName hostName(String host) {
    String h = host.trim();
    if (IPV4.matcher(h).matches() || (h.contains(":") && h.matches("[0-9a-fA-F:.]+"))) {
      return new GeneralName(GeneralName.iPAddress, h);
    }
    if (DNS_NAME.matcher(h).matches() && h.length() <= 253) {
      return new GeneralName(GeneralName.dNSName, h);
    }
    throw new InvalidInputException("--hosts: '" + host + "' is neither a DNS name nor an IP address");
  }

  private static void requirePositive(Duration validity) {
    if (validity.isNegative() || validity.isZero()) {
      throw new InvalidInputException("certificate validity must be positive, got " + validity);
    }
  }
}
