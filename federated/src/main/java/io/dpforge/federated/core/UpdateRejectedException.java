package io.dpforge.federated.core;

/** An update (or one of its chunks) the coordinator refuses, with the reason a client can act on. */
public final class UpdateRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an update was refused; the transport maps each to a status code. */
  public enum Reason {
    /** The update's dimension differs from the model's. */
    WRONG_DIMENSION(false),
    /** A value is NaN or infinite. */
    NOT_FINITE(false),
    /** More values than the model has, or a chunk over the size limit. */
    OVER_SIZE(false),
    /** A chunk does not start where the previous one ended, or the stream is otherwise malformed. */
    MALFORMED(false),
    /** The stream ended before all values arrived. */
    INCOMPLETE(false),
    /** The base version was never issued, or was lost in a coordinator restart. */
    UNKNOWN_BASE_VERSION(true),
    /** The base version is older than the strategy accepts. */
    TOO_STALE(true),
    /** The client already has an update in the open cohort (at most one per cohort). */
    ALREADY_IN_COHORT(true),
    /** Under central DP, this client has contributed to as many aggregates as the budget allows. */
    PARTICIPATION_LIMIT(true),
    /** The coordinator runs secure aggregation: updates are masked within a cohort, never sent in the clear. */
    SECURE_AGGREGATION_REQUIRED(true),
    /** The coordinator does not run secure aggregation: there is no cohort to join. */
    SECURE_AGGREGATION_OFF(true);

    private final boolean precondition;

    Reason(boolean precondition) {
      this.precondition = precondition;
    }

    /** True when the request was well formed but the coordinator's state rules it out. */
    public boolean isPrecondition() {
      return precondition;
    }
  }

  private final Reason reason;

  public UpdateRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
