package io.dpforge.client.fl;

import io.dpforge.federated.core.ModelVersion;

/**
 * The coordinator's acknowledgement of an update.
 *
 * @param updateId the idempotency id the update was sent under
 * @param outcome ACCEPTED, DUPLICATE (accepted before: a retry after a lost acknowledgement),
 *     DISCARDED_LATE (its synchronous round had closed) or DISCARDED_FINISHED (training is over)
 * @param appliesTo the version that includes it (ACCEPTED) or the current version
 * @param attempts upload attempts it took (1 without failures)
 * @param resumedValues values not sent again because a dropped upload resumed where it stopped
 */
public record SubmitReceipt(String updateId, Outcome outcome, ModelVersion appliesTo, int attempts, long resumedValues) {
  /** What happened to an update. */
  public enum Outcome { ACCEPTED, DUPLICATE, DISCARDED_LATE, DISCARDED_FINISHED }
}
