package io.dpforge.federated.aggregate;

import io.dpforge.federated.core.ModelVersion;
import java.util.concurrent.CompletionStage;

/**
 * A cohort summed under secure aggregation (research brief federated.md §4.4, "upload-cohort SecAgg+"):
 * the coordinator admits members while the cohort is open; when its trigger fires the cohort is
 * <em>sealing</em>: the protocol runs and completes with the unmasked sum of the members whose inputs
 * arrived, or is abandoned when too many dropped. The coordinator then concludes it, telling every member
 * what became of its update.
 */
public interface MaskedCohort {

  /** Identifies the cohort within the run (members echo it; signatures bind it). */
  long serial();

  /** Admits a member; its masked input arrives later, through the protocol. */
  void admit(Admission member);

  /** Members admitted so far. */
  int size();

  /**
   * Fixes the membership and runs the protocol: completes with the sum of the members whose masked inputs
   * arrived (their factors included), or exceptionally with {@link CohortAbandonedException}.
   *
   * @param bound the contribution bound members apply before masking (central DP's clip norm)
   */
  CompletionStage<CohortSum> seal(ContributionBound bound);

  /** Tells the members that the sum was applied as {@code version}. */
  void applied(ModelVersion version);

  /** Tells the members that nothing of the cohort was applied, and why (they retry in a later cohort). */
  void abandoned(String reason);

  /** Tells the members that training finished before the cohort could be applied. */
  void finished();

  /** Opens masked cohorts; the coordinator opens one when the previous one starts sealing. */
  @FunctionalInterface
  interface Factory {
    MaskedCohort open(String runId, long serial, int dimension);
  }
}
