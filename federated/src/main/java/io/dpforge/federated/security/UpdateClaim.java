package io.dpforge.federated.security;

import io.dpforge.federated.core.ModelVersion;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a client signs about one update it contributes: the run, its name, the update id, the model it
 * was computed from, how much data stands behind it, and the SHA-256 of exactly the bytes it sends (the
 * float32 values in the clear, or the masked vector under secure aggregation, together with the cohort
 * and the weight factor the client applied). Binding the run, the client and the cohort means a
 * signature cannot be replayed into another run, another client's stream or another cohort; binding the
 * digest means the values cannot be altered in transit or in the coordinator's audit log.
 *
 * @param cohort the secure-aggregation cohort, or -1 for an update sent in the clear
 * @param factor the weight factor applied before masking (0 for an update sent in the clear)
 */
public record UpdateClaim(String runId, String client, String updateId, ModelVersion base, String assignmentId,
    long numExamples, long dimension, byte[] sha256, long cohort, double factor) {

  public UpdateClaim {
    Objects.requireNonNull(runId, "run id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(updateId, "update id");
    Objects.requireNonNull(base, "base version");
    Objects.requireNonNull(assignmentId, "assignment id");
    Objects.requireNonNull(sha256, "digest");
  }

  /** Whether this is a masked contribution to a secure-aggregation cohort. */
  public boolean masked() {
    return cohort >= 0;
  }

  /** The bytes the signature covers. */
  public Statement statement() {
    Statement s = Statement.of(masked() ? "dpforge/masked-update/v1" : "dpforge/update/v1")
        .text(runId).text(client).text(updateId).u64(base.generation()).u64(base.number()).text(assignmentId)
        .u64(numExamples).u64(dimension).bytes(sha256);
    if (masked()) {
      s.u64(cohort).f64(factor);
    }
    return s;
  }

  public String sha256Hex() {
    return HexFormat.of().formatHex(sha256);
  }
}
