package io.dpforge.federated.security;

import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.ModelVersion;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coordinator's side of signed update metadata: each client enrolls its Ed25519 signing certificate
 * when it registers (checked against the federation's CA, the revocation list and the client's TLS
 * identity); every update it sends must then carry its signature over the {@link UpdateClaim}, and every
 * contribution that is accepted is written to the {@link AuditLog}.
 */
public final class ContributionSignatures {
  private final SignerTrust trust;
  private final RevocationList revoked;
  private final AuditLog audit;
  private final Map<ClientId, SignerTrust.Signer> signers = new ConcurrentHashMap<>();

  /**
   * @param audit where contributions are logged (may be null: signatures are still required and checked)
   */
  public ContributionSignatures(SignerTrust trust, RevocationList revoked, AuditLog audit) {
    this.trust = Objects.requireNonNull(trust);
    this.revoked = Objects.requireNonNull(revoked);
    this.audit = audit;
  }

  /**
   * Enrolls (or replaces) a client's signing certificate.
   *
   * @throws SignatureRejectedException UNSIGNED when none is sent, UNTRUSTED_CERTIFICATE when it does not
   *     verify or names another client, REVOKED when it is on the revocation list
   */
  public SignerTrust.Signer enroll(ClientId client, byte[] certificateDer) {
    if (certificateDer == null || certificateDer.length == 0) {
      throw new SignatureRejectedException(SignatureRejectedException.Reason.UNSIGNED, "client " + client
          + " registered without a signing certificate; this coordinator requires signed updates (signing.pem)");
    }
    SignerTrust.Signer s = trust.verify(certificateDer, client.value());
    if (revoked.isRevoked(client.value(), certificateDer)) {
      throw new SignatureRejectedException(SignatureRejectedException.Reason.REVOKED, "the signing certificate of "
          + client + " has been revoked");
    }
    SignerTrust.Signer previous = signers.put(client, s);
    if (audit != null && (previous == null || !previous.fingerprint().equals(s.fingerprint()))) {
      audit.signer(s);
    }
    return s;
  }

  /** The enrolled signer of a client, if any. */
  public Optional<SignerTrust.Signer> signer(ClientId client) {
    return Optional.ofNullable(signers.get(client));
  }

  /**
   * Checks a client's signature on a claim.
   *
   * @throws SignatureRejectedException when the client has no enrolled certificate, was revoked since, or
   *     the signature is missing or does not verify
   */
  public SignerTrust.Signer check(ClientId client, UpdateClaim claim, byte[] signature) {
    SignerTrust.Signer s = signers.get(client);
    if (s == null) {
      throw new SignatureRejectedException(SignatureRejectedException.Reason.NOT_ENROLLED, "client " + client
          + " has no enrolled signing certificate: register again");
    }
    if (revoked.isRevoked(client.value(), s.certificateDer())) {
      throw new SignatureRejectedException(SignatureRejectedException.Reason.REVOKED, "the signing certificate of "
          + client + " has been revoked");
    }
    s.require(claim.statement(), signature, "update " + claim.updateId());
    return s;
  }

  /** Logs a contribution that was accepted or applied. */
  public void record(UpdateClaim claim, byte[] signature, String outcome, ModelVersion version) {
    if (audit == null) {
      return;
    }
    SignerTrust.Signer s = signers.get(new ClientId(claim.client()));
    audit.contribution(claim, signature, s == null ? "" : s.fingerprint(), outcome, version);
  }

  /** The trust anchor, for verifying other members' certificates. */
  public SignerTrust trust() {
    return trust;
  }
}
