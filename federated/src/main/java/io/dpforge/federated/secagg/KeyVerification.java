package io.dpforge.federated.secagg;

import io.dpforge.federated.security.RevocationList;
import io.dpforge.federated.security.SignatureRejectedException;
import io.dpforge.federated.security.SignerTrust;
import java.util.Objects;

/**
 * How a member checks the neighbour keys the coordinator relays: each must come with a signing
 * certificate of the federation's CA naming the neighbour, not be revoked, and carry the neighbour's
 * Ed25519 signature over the keys in this cohort's context. A coordinator (or anyone on its side of the
 * connection) that substitutes its own keys to read shares or strip masks is caught here.
 */
public final class KeyVerification {
  private final SignerTrust trust;
  private final RevocationList revoked;

  public KeyVerification(SignerTrust trust, RevocationList revoked) {
    this.trust = Objects.requireNonNull(trust);
    this.revoked = Objects.requireNonNull(revoked);
  }

  /**
   * @throws SignatureRejectedException when the keys are unsigned, signed by a certificate that is not
   *     the named client's, revoked, or altered
   */
  public void check(CohortContext context, Rounds.AdvertisedKeys keys) {
    if (keys.signingCertificate().length == 0 || keys.signature().length == 0) {
      throw new SignatureRejectedException(SignatureRejectedException.Reason.UNSIGNED, "the keys of member "
          + keys.member() + " (" + keys.client() + ") in cohort " + context.cohort() + " are not signed");
    }
    SignerTrust.Signer s = trust.verify(keys.signingCertificate(), keys.client());
    if (revoked.isRevoked(keys.client(), keys.signingCertificate())) {
      throw new SignatureRejectedException(SignatureRejectedException.Reason.REVOKED, "member " + keys.member()
          + " (" + keys.client() + ") has been revoked");
    }
    s.require(keys.statement(context), keys.signature(), "the keys of member " + keys.member() + " in cohort "
        + context.cohort());
  }
}
