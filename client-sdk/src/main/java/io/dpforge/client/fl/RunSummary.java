package io.dpforge.client.fl;

import io.dpforge.federated.core.ModelVersion;

/**
 * What {@link FederatedClient#run} did.
 *
 * @param accepted updates the coordinator accepted (duplicates of a lost acknowledgement included)
 * @param discarded updates it discarded (late for their round)
 * @param refetched times a stale model was fetched again and retrained
 * @param lastVersion the last model version trained on
 * @param end why the loop ended
 */
public record RunSummary(long accepted, long discarded, long refetched, ModelVersion lastVersion, End end) {
  /** Why a run loop ended. */
  public enum End {
    /** The coordinator finished training. */
    FINISHED,
    /** The requested number of accepted updates was reached. */
    MAX_UPDATES,
    /** Central DP: this client's participation limit was reached. */
    PARTICIPATION_LIMIT,
    /** Local DP: this client's privacy ledger cannot pay for another round of private training. */
    LOCAL_BUDGET_SPENT
  }
}
