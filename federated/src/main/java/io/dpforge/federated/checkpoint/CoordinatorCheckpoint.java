package io.dpforge.federated.checkpoint;

import io.dpforge.federated.metrics.CoordinatorMetrics;
import java.util.List;
import java.util.Map;

/**
 * Everything a coordinator needs to resume: model, optimizer state, strategy state and the
 * de-duplication memory, taken right after a server step (so every remembered update id is applied).
 *
 * @param runId the run
 * @param strategy strategy name (a checkpoint only resumes the same strategy)
 * @param generation the generation that wrote it
 * @param version the model version number
 * @param lineage for each earlier generation, the last version number it shares with this one
 * @param model θ
 * @param momentum the server optimizer's momentum buffer (empty without momentum)
 * @param clients per-client state
 * @param metrics persisted counters
 * @param releaseState the aggregate release's state (for example the adaptive clip norm)
 */
public record CoordinatorCheckpoint(
    String runId,
    String strategy,
    long generation,
    long version,
    Map<Long, Long> lineage,
    double[] model,
    double[] momentum,
    List<Client> clients,
    CoordinatorMetrics.State metrics,
    Map<String, Double> releaseState) {

  /** A client's persisted state. */
  public record Client(String id, long examples, long registeredAtStep, long contributions, double weightSum,
      long lastAppliedStep, List<String> appliedUpdateIds) {}
}
