package io.dpforge.federated.aggregate;

import java.util.List;

/**
 * What a closed cohort yields: Σ_i clientFactor_i · bound_i · Δ_i, plus what the weight rule and the
 * metrics need. Under secure aggregation this sum is all the server ever learns of the cohort.
 *
 * @param sum the (bounded) weighted sum
 * @param members who contributed, with their per-client factors
 * @param examples Σ n_i over members
 * @param unclipped how many members were within the contribution bound (adaptive clipping's count)
 */
public record CohortSum(double[] sum, List<Member> members, long examples, int unclipped) {

  /** One member of a closed cohort. */
  public record Member(io.dpforge.federated.core.ClientId client, double factor, long staleness) {}

  public int size() {
    return members.size();
  }
}
