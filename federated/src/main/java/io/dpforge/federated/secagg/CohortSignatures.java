package io.dpforge.federated.secagg;

import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.security.ContributionSignatures;
import io.dpforge.federated.security.SignatureRejectedException;
import io.dpforge.federated.security.SignerTrust;
import io.dpforge.federated.security.UpdateClaim;
import java.util.Arrays;

/**
 * The coordinator's signature checks inside a cohort: a member's advertised keys must be signed by the
 * signing certificate it enrolled at registration (and carry that certificate, so its neighbours verify
 * the same one), and its masked input by the same key over the {@link UpdateClaim} that names the cohort
 * and the factor; applied inputs are written to the audit log.
 */
final class CohortSignatures {
  private final ContributionSignatures signatures;

  CohortSignatures(ContributionSignatures signatures) {
    this.signatures = signatures;
  }

  void checkKeys(ClientId client, CohortContext context, Rounds.AdvertisedKeys keys) {
    SignerTrust.Signer s = signatures.signer(client).orElseThrow(() -> new SignatureRejectedException(
        SignatureRejectedException.Reason.NOT_ENROLLED, "client " + client + " has no enrolled signing certificate"));
    if (!Arrays.equals(s.certificateDer(), keys.signingCertificate())) {
      throw new SignatureRejectedException(SignatureRejectedException.Reason.UNTRUSTED_CERTIFICATE, "the keys of "
          + client + " carry another signing certificate than the one it registered");
    }
    s.require(keys.statement(context), keys.signature(), "the keys of " + client + " in cohort " + context.cohort());
  }

  void checkInput(ClientId client, UpdateClaim claim, byte[] signature) {
    signatures.check(client, claim, signature);
  }

  void applied(UpdateClaim claim, byte[] signature, ModelVersion version) {
    signatures.record(claim, signature, "applied", version);
  }
}
