package io.dpforge.client.fl;

import io.dpforge.federated.aggregate.PrivacySummary;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a {@link FederatedSimulation}.
 *
 * @param strategy the coordinator's strategy
 * @param clients simulated clients
 * @param finalAccuracy test accuracy of the last global model
 * @param bestAccuracy best test accuracy seen at an evaluation
 * @param targetAccuracy the target (NaN when none)
 * @param secondsToTarget wall-clock seconds until an evaluation first met the target (NaN if never)
 * @param uploadsToTarget updates accepted by then (-1 if never)
 * @param versionsToTarget model versions by then (-1 if never)
 * @param versions model versions at the end
 * @param uploads updates accepted at the end
 * @param seconds wall-clock duration
 * @param stalenessMean mean staleness of applied updates
 * @param stalenessP99 99th percentile of staleness
 * @param meanWeightSum mean Σ_i ω_i per server step
 * @param maxWeightDeviation max over clients of |mean weight per step − p_i| / p_i, over each client's
 *     completed participation intervals (steps up to its last applied update)
 * @param meanWeightDeviation mean over clients of the same
 * @param horizonWeightDeviation mean over clients of |mean weight per step − p_i| / p_i over the whole run
 *     (short by each client's update in flight at the end)
 * @param finishReason why training ended
 * @param clientFailures clients that stopped with an exception
 * @param curve accuracy over time
 * @param privacy the privacy budget, when central DP was on
 */
public record SimulationResult(
    String strategy,
    int clients,
    double finalAccuracy,
    double bestAccuracy,
    double targetAccuracy,
    double secondsToTarget,
    long uploadsToTarget,
    long versionsToTarget,
    long versions,
    long uploads,
    double seconds,
    double stalenessMean,
    long stalenessP99,
    double meanWeightSum,
    double maxWeightDeviation,
    double meanWeightDeviation,
    double horizonWeightDeviation,
    String finishReason,
    int clientFailures,
    List<Point> curve,
    Optional<PrivacySummary> privacy) {

  /** One evaluation of the global model. */
  public record Point(double seconds, long version, long uploads, double accuracy) {}

  public boolean reachedTarget() {
    return !Double.isNaN(secondsToTarget);
  }
}
