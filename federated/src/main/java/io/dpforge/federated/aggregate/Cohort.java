package io.dpforge.federated.aggregate;

/**
 * The set of updates applied together as one server step: a FedAvg round, a FedBuff buffer or a FedFix
 * window. It is the unit a secure-aggregation protocol runs over (research brief §4.4, "upload-cohort
 * SecAgg+"): an implementation may fold masked vectors and reveal only {@link #seal()}'s sum.
 */
public interface Cohort {

  /** The version number the cohort's step will produce. */
  long step();

  /** Folds one update into the cohort. */
  void add(Contribution contribution);

  /** Updates folded so far. */
  int size();

  /** Closes the cohort and returns its sum; no {@link #add} after this. */
  CohortSum seal();

  /** Opens cohorts; the coordinator opens one per server step. */
  @FunctionalInterface
  interface Factory {
    Cohort open(long step, int dimension);
  }
}
