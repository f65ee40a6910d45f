package io.dpforge.federated.secagg;

/**
 * Where a cohort sends one member's messages: the transport implements it (one gRPC stream per member and
 * cohort). Calls for one member are made in round order.
 */
public interface MemberOutbox {
  void formed(Rounds.CohortFormed message);

  void keys(Rounds.NeighbourKeys message);

  void shares(Rounds.IncomingShares message);

  void survivors(Rounds.Survivors message);

  /** The last message: the member's stream ends after it. */
  void result(Rounds.Result message);

  /** The member sent something the protocol forbids; it is dropped from the cohort and its stream ends. */
  void reject(RuntimeException reason);
}
