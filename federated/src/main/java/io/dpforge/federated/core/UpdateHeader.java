package io.dpforge.federated.core;

import java.util.Objects;

/**
 * What a client says about an update before its values stream in.
 *
 * @param updateId chosen by the client, unique per update; retries reuse it
 * @param baseVersion the global model the update was computed from
 * @param dimension number of values the update will carry
 * @param numExamples local examples behind the update (for data-ratio weights)
 * @param assignmentId the work assignment it answers ("" when unknown)
 * @param offset index of the first value in this stream (non-zero when resuming)
 */
public record UpdateHeader(
    String updateId, ModelVersion baseVersion, long dimension, long numExamples, String assignmentId, long offset) {
  public UpdateHeader {
    Objects.requireNonNull(updateId, "update id");
    Objects.requireNonNull(baseVersion, "base version");
    Objects.requireNonNull(assignmentId, "assignment id");
    if (updateId.isEmpty() || updateId.length() > 128) {
      throw new UpdateRejectedException(UpdateRejectedException.Reason.MALFORMED,
          "update_id must be 1-128 characters, got " + updateId.length());
    }
    if (offset < 0 || dimension < 0 || numExamples < 0) {
      throw new UpdateRejectedException(UpdateRejectedException.Reason.MALFORMED,
          "offset, dimension and num_examples must be >= 0");
    }
  }
}
