package io.dpforge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.dp.random.Randomness;
import io.dpforge.synth.PrivacyBudget;
import io.dpforge.synth.Synthesizer;
import io.dpforge.synth.eval.ErrorStats.ClassError;
import io.dpforge.synth.eval.WorkloadEvaluation;
import io.dpforge.synth.ga.GaConfig;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpforge synth} through the real launcher on the bundled sample with Spark local[2]: the output's
 * schema and domain, the sidecar and its ledger, and {@code dpforge evaluate} against the engine run on
 * one machine with the same seeds.
 */
class SynthEndToEndTest {
  private static final Path SAMPLE = Launcher.ROOT.resolve("samples/cps1988/cps1988.csv");
  private static final Path DOMAIN_FILE = Launcher.ROOT.resolve("samples/cps1988/domain.json");
  private static final Domain DOMAIN = Domain.read(DOMAIN_FILE);
  private static final long SEED = 5;

  @Test
  void synthOnSparkWritesWhatTheEngineMakesAndEvaluateAgrees(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("synthetic.csv");
    Launcher.Result r = Launcher.run(List.of("synth", "--input", SAMPLE.toString(), "--domain", DOMAIN_FILE.toString(),
        "--epsilon", "1", "--master", "local[2]", "--seed", Long.toString(SEED), "--insecure-seeded-noise",
        "--out", out.toString(), "--report", dir.resolve("report.html").toString(), "--json"));
    assertEquals(0, r.exitCode(), r.err());
    JsonNode result = r.json();
    assertTrue(result.get("ok").asBoolean());
    assertFalse(result.get("private").asBoolean(), "seeded noise is not private");
    assertTrue(r.err().contains("NOT PRIVATE"), "the human text says so");
    assertEquals("local[2]", result.get("spark_master").asText());

    // Schema and domain: the header is the domain's columns and every value is inside the domain.
    assertEquals(String.join(",", DOMAIN.names()), Files.readAllLines(out).get(0));
    EncodedTable synthetic = CsvTableReader.builder(DOMAIN).build().readTable(out).table();
    assertEquals(2000, synthetic.rows());

    // The sidecar: not private, and a ledger that adds up to exactly the requested budget.
    JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("synthetic.csv.privacy.json").toFile());
    assertFalse(sidecar.get("private").asBoolean());
    assertTrue(sidecar.get("privacy").asText().startsWith("NOT PRIVATE"));
    PrivacyBudget budget = PrivacyBudget.of(1, 1e-9);
    double total = 0;
    for (JsonNode e : sidecar.get("ledger").get("entries")) {
      total += e.get("rho").asDouble();
    }
    assertEquals(1 + 35, sidecar.get("ledger").get("entries").size(), "the row count and 35 three-way marginals");
    assertEquals(budget.rho(), total, 1e-12 * budget.rho());

    // evaluate (outside the guarantee) against the engine on one machine with the same seeds.
    Launcher.Result eval = Launcher.run(List.of("evaluate", "--real", SAMPLE.toString(), "--synthetic", out.toString(),
        "--domain", DOMAIN_FILE.toString(), "--workload", "marginals:3", "--epsilon", "1", "--json"));
    assertEquals(0, eval.exitCode(), eval.err());
    Workload w = WorkloadSpec.parse("marginals:3", DOMAIN);
    EncodedTable real = CsvTableReader.builder(DOMAIN).build().readTable(SAMPLE).table();
    EncodedTable engine = Synthesizer.builder().geneticAlgorithm(GaConfig.defaults().withSeed(SEED))
        .noise(Randomness.seededNotPrivate(SEED)).build().fit(real, DOMAIN, w, budget).synthetic();
    ClassError expected = WorkloadEvaluation.compare(w, real, engine).get(0);
    JsonNode got = eval.json().get("classes").get(0);
    // The same seeds and the same exact answers give the same table: the errors agree to rounding.
    assertEquals(expected.meanL1(), got.get("mean_l1").asDouble(), 1e-9);
    assertEquals(expected.maxAbs(), got.get("max_abs").asDouble(), 1e-9);
    // And the fit is well below the error of the raw noisy measurements (synth README: 0.065 vs 0.165).
    double reference = eval.json().get("noise_reference").get(0).get("mean_l1").asDouble();
    assertTrue(got.get("mean_l1").asDouble() < 0.6 * reference, got + " against the noise reference " + reference);
  }
}
