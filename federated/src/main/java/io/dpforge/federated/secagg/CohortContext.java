package io.dpforge.federated.secagg;

import io.dpforge.federated.security.Statement;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Names one secure-aggregation instance: the coordinator's run and the cohort's serial number. Every key
 * derivation, every encrypted share and every signature of the protocol is bound to it, so nothing from
 * one cohort (or run) can be replayed into another.
 */
public record CohortContext(String runId, long cohort) {
  public CohortContext {
    Objects.requireNonNull(runId, "run id");
    if (cohort < 0) {
      throw new IllegalArgumentException("cohort serial must be >= 0, got " + cohort);
    }
  }

  /** The HKDF salt: SHA-256 of the canonical encoding of (run, cohort). */
  public byte[] salt() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Statement.of("dpforge/secagg/v1/cohort")
          .text(runId).u64(cohort).toBytes());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
