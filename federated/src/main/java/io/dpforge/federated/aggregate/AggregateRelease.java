package io.dpforge.federated.aggregate;

import io.dpforge.federated.core.ClientId;
import java.util.Optional;

/**
 * Turns a closed cohort's sum into what the server applies. Without central DP the sum passes through;
 * with it, the release is charged to the privacy ledger and noised (and refused once the budget is
 * spent, which ends training).
 */
public interface AggregateRelease {

  /** Passes sums through unchanged: no clipping, no noise, no participation limit. */
  AggregateRelease CLEAR = new AggregateRelease() {
    @Override
    public Optional<double[]> release(CohortSum sum) {
      return Optional.of(sum.sum());
    }

    @Override
    public ContributionBound bound() {
      return ContributionBound.NONE;
    }

    @Override
    public boolean mayContribute(ClientId client) {
      return true;
    }

    @Override
    public Optional<PrivacySummary> privacy() {
      return Optional.empty();
    }
  };

  /**
   * The aggregate to apply, or empty when releasing it would overspend the privacy budget (nothing is
   * released then and the coordinator finishes).
   */
  Optional<double[]> release(CohortSum sum);

  /** The bound applied to each weighted contribution as it enters a cohort. */
  ContributionBound bound();

  /**
   * Whether this client may contribute to another aggregate (participation-bounded accounting caps
   * the aggregates one client is part of).
   */
  boolean mayContribute(ClientId client);

  /** The privacy budget's state, when central DP is on. */
  Optional<PrivacySummary> privacy();

  /** State to checkpoint (for example the adaptive clip norm); empty when there is none. */
  default java.util.Map<String, Double> state() {
    return java.util.Map.of();
  }

  /** Restores {@link #state()} from a checkpoint. */
  default void restore(java.util.Map<String, Double> state) {
    if (!state.isEmpty()) {
      throw new IllegalArgumentException("the checkpoint carries central-DP state " + state.keySet()
          + " but this coordinator runs without central DP");
    }
  }
}
