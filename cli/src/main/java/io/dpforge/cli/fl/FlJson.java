package io.dpforge.cli.fl;

import io.dpforge.federated.aggregate.PrivacySummary;
import io.dpforge.federated.metrics.StatusSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The JSON fields federated commands print. */
final class FlJson {
  private FlJson() {}

  static Map<String, Object> status(StatusSnapshot s) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("run_id", s.runId());
    r.put("strategy", s.strategy());
    r.put("finish_reason", s.finishReason());
    r.put("version", s.version().number());
    r.put("generation", s.version().generation());
    r.put("registered_clients", s.registeredClients());
    r.put("updates_accepted", s.updatesAccepted());
    r.put("updates_applied", s.updatesApplied());
    r.put("versions_per_second", s.versionsPerSecond());
    r.put("updates_per_second", s.updatesPerSecond());
    r.put("staleness_mean", s.meanStaleness());
    r.put("staleness_p99", s.stalenessQuantile(0.99));
    r.put("mean_weight_sum", s.meanWeightSum());
    r.put("privacy", privacy(s.privacy()));
    return r;
  }

  static Object privacy(Optional<PrivacySummary> p) {
    if (p.isEmpty()) {
      return Map.of("enabled", false);
    }
    PrivacySummary x = p.get();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", true);
    m.put("not_private_seeded_noise", x.seededNotPrivate());
    m.put("rho_spent", x.rhoSpent());
    m.put("epsilon_spent", x.epsilonSpent());
    m.put("delta", x.delta());
    m.put("clip_norm", x.clipNorm());
    m.put("noise_multiplier", x.noiseMultiplier());
    m.put("max_participations", x.maxParticipations());
    return m;
  }
}
