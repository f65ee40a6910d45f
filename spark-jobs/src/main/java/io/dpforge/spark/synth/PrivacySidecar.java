package io.dpforge.spark.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dpforge.dp.data.DomainJson;
import io.dpforge.dp.ledger.LedgerEntry;
import io.dpforge.synth.SynthesisReport;
import io.dpforge.synth.query.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The privacy sidecar {@code <output>.privacy.json}: what a reader of the synthetic table needs to know
 * about its guarantee. It holds only public facts: the domain, the workload, the budget and the
 * neighbouring relation, every ledger entry, seeds and the software version, and whether the run was
 * private. No exact statistic of the input appears in it.
 */
final class PrivacySidecar {
  static final String FORMAT = "dpforge privacy sidecar 1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PrivacySidecar() {}

  static String json(SynthJobConfig config, Workload workload, SynthesisReport report, List<LedgerEntry> ledger,
      int syntheticRows) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("private", report.privateRun());
    m.put("privacy", PrivacyLabel.of(report));
    Map<String, Object> software = new LinkedHashMap<>();
    software.put("name", "dpforge");
    software.put("version", Version.current());
    m.put("software", software);
    m.put("created", Instant.now().toString());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("file", config.output().getFileName().toString());
    data.put("format", config.outputFormat().label());
    data.put("rows", syntheticRows);
    data.put("columns", config.domain().names());
    m.put("synthetic_data", data);
    Map<String, Object> guarantee = new LinkedHashMap<>();
    guarantee.put("epsilon", report.epsilon());
    guarantee.put("delta", report.delta());
    guarantee.put("rho", report.rho());
    guarantee.put("rho_spent", report.rhoSpent());
    guarantee.put("neighbours", report.neighbours());
    guarantee.put("neighbours_meaning", PrivacyLabel.meaning(config.neighbours()));
    guarantee.put("noise", report.noise());
    m.put("guarantee", guarantee);
    Map<String, Object> mechanism = new LinkedHashMap<>();
    mechanism.put("algorithm", "Private-GSD (Liu, Tang, Vietri, Wu, ICML 2023): Gaussian measurements of the"
        + " workload, genetic algorithm fitted to the noisy answers");
    mechanism.put("mode", report.mode());
    mechanism.put("rounds", report.rounds().size());
    mechanism.put("row_count_used", report.rowCount());
    mechanism.put("row_count_public", report.rowCountPublic());
    mechanism.put("measured_sets", report.measuredSets());
    m.put("mechanism", mechanism);
    Map<String, Object> seed = new LinkedHashMap<>();
    seed.put("genetic_algorithm", config.gaSeed());
    seed.put("noise", config.seededNoise() ? config.gaSeed() : null);
    seed.put("note", config.seededNoise() ? "the noise was seeded: NOT PRIVATE"
        : "the noise came from SecureRandom and cannot be reproduced; the seed only repeats the genetic algorithm");
    m.put("seed", seed);
    m.put("domain", parse(DomainJson.toJson(config.domain())));
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("spec", config.workload());
    w.put("query_sets", workload.sets());
    w.put("queries", workload.answers());
    m.put("workload", w);
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("budget_rho", report.rho());
    l.put("spent_rho", report.rhoSpent());
    l.put("entries", entries(ledger));
    m.put("ledger", l);
    try {
      return JSON.writeValueAsString(m) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sidecar is not serialisable", e);
    }
  }

  static List<Map<String, Object>> entries(List<LedgerEntry> ledger) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (LedgerEntry e : ledger) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sequence", e.sequence());
      m.put("time", e.time().toString());
      m.put("mechanism", e.mechanism());
      m.put("released", e.released());
      m.put("sensitivity", e.sensitivity());
      m.put("noise_scale", e.noiseScale());
      m.put("rho", e.cost().rho());
      m.put("randomness", e.randomness());
      m.put("private", e.privateRandomness());
      out.add(m);
    }
    return out;
  }

  private static Object parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("domain JSON does not parse back", e);
    }
  }
}
