package io.dpforge.federated.core;

/**
 * The coordinator's answer to a complete update.
 *
 * @param outcome accepted, duplicate or discarded
 * @param appliesToVersion the version that will include it (when accepted); a client contributes at
 *     most once per cohort, so its next fetch asks for at least this version
 */
public record SubmitResult(Outcome outcome, ModelVersion appliesToVersion) {

  /** What happened to an update. */
  public enum Outcome {
    /** Staged in the open cohort; applied exactly once. */
    ACCEPTED,
    /** Seen before (same update id); nothing applied again. */
    DUPLICATE,
    /** Its synchronous round closed before it arrived; not applied. */
    DISCARDED_LATE,
    /** Training had finished; not applied. */
    DISCARDED_FINISHED
  }
}
