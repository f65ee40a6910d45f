package io.dpforge.federated.metrics;

import io.dpforge.federated.aggregate.PrivacySummary;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.core.RunState;
import java.util.List;
import java.util.Optional;

/**
 * A coordinator's progress and metrics at one moment.
 *
 * @param runId the run
 * @param strategy strategy name
 * @param runState training or finished
 * @param finishReason why it finished ("" while training)
 * @param version current model version
 * @param registeredClients clients registered
 * @param updatesAccepted updates staged into a cohort by this process
 * @param updatesApplied updates applied in a server step (since the run started, across restarts)
 * @param elapsedSeconds seconds since this coordinator process started
 * @param versionsPerSecond server steps per second taken by this process
 * @param updatesPerSecond updates ingested per second since start
 * @param stalenessCounts counts[k]: updates applied with staleness k (the last bucket holds the rest)
 * @param meanWeightSum mean of Σ_i ω_i over server steps (≈ 1 for the unbiased rules)
 * @param lastWeightSum Σ_i ω_i of the last step
 * @param participation per-client realised participation
 * @param privacy the privacy budget, when central DP is on
 * @param stagedBytes memory held by uploads in flight
 * @param cohortsAbandoned secure-aggregation cohorts abandoned by this process (too many dropouts)
 */
public record StatusSnapshot(
    String runId,
    String strategy,
    RunState runState,
    String finishReason,
    ModelVersion version,
    int registeredClients,
    long updatesAccepted,
    long updatesApplied,
    double elapsedSeconds,
    double versionsPerSecond,
    double updatesPerSecond,
    long[] stalenessCounts,
    double meanWeightSum,
    double lastWeightSum,
    List<ClientParticipation> participation,
    Optional<PrivacySummary> privacy,
    long stagedBytes,
    long cohortsAbandoned) {

  /** Mean staleness of applied updates (the last histogram bucket counts at its lower edge). */
  public double meanStaleness() {
    long n = 0;
    double s = 0;
    for (int k = 0; k < stalenessCounts.length; k++) {
      n += stalenessCounts[k];
      s += (double) k * stalenessCounts[k];
    }
    return n == 0 ? 0 : s / n;
  }

  /** The smallest staleness k with at least fraction q of applied updates at or below it. */
  public long stalenessQuantile(double q) {
    long n = 0;
    for (long c : stalenessCounts) {
      n += c;
    }
    long seen = 0;
    for (int k = 0; k < stalenessCounts.length; k++) {
      seen += stalenessCounts[k];
      if (n > 0 && seen >= q * n) {
        return k;
      }
    }
    return 0;
  }

  /** One log line: version, rates, staleness, Σω. */
  public String logLine() {
    return String.format("version %d | %d clients | %.2f versions/s | %.1f updates/s | staleness mean %.2f p99 %d"
            + " | mean Σω %.3f%s",
        version.number(), registeredClients, versionsPerSecond, updatesPerSecond, meanStaleness(),
        stalenessQuantile(0.99), meanWeightSum,
        privacy.map(p -> String.format(" | ε %.3f (ρ %.4f)%s", p.epsilonSpent(), p.rhoSpent(),
            p.seededNotPrivate() ? " NOT PRIVATE (seeded noise)" : "")).orElse(""));
  }
}
