package io.dpforge.federated.core;

/**
 * The coordinator's answer to a client asking for a seat in the open masked cohort: a seat in cohort
 * {@code cohort}, or an immediate answer (a duplicate, a late or finished run) with nothing to mask.
 */
public record JoinResult(long cohort, SubmitResult immediate) {
  static JoinResult seat(long cohort) {
    return new JoinResult(cohort, null);
  }

  static JoinResult answered(SubmitResult r) {
    return new JoinResult(-1, r);
  }

  public boolean joined() {
    return immediate == null;
  }
}
