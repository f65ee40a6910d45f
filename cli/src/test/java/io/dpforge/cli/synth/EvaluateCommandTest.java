package io.dpforge.cli.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dpforge.cli.CliRun;
import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.Domain;
import io.dpforge.synth.eval.WorkloadEvaluation;
import io.dpforge.synth.query.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
  private static final String SAMPLE = "../samples/cps1988/cps1988.csv";
  private static final String DOMAIN = "../samples/cps1988/domain.json";

  @Test
  void aTableAgainstItselfHasNoError() {
    CliRun r = CliRun.run("evaluate", "--real", SAMPLE, "--synthetic", SAMPLE, "--domain", DOMAIN,
        "--workload", "marginals:2", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = r.json();
    assertFalse(j.get("private").asBoolean());
    assertEquals(21, j.get("query_sets").asInt());
    assertEquals(0.0, j.get("classes").get(0).get("mean_l1").asDouble());
    assertTrue(r.err().contains("NOT PRIVATE"), "the human text must say it is not private");
  }

  @Test
  void errorsMatchTheHarnessOnASubsample(@TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(SAMPLE));
    Path part = dir.resolve("part.csv");
    Files.write(part, lines.subList(0, 1501));
    CliRun r = CliRun.run("evaluate", "--real", SAMPLE, "--synthetic", part.toString(), "--domain", DOMAIN,
        "--workload", "marginals:1+prefix:1:5", "--json");
    assertEquals(0, r.exitCode(), r.err());
    Domain d = Domain.read(Path.of(DOMAIN));
    var reader = CsvTableReader.builder(d).build();
    var expected = WorkloadEvaluation.compare(WorkloadSpec.parse("marginals:1+prefix:1:5", d),
        reader.readTable(Path.of(SAMPLE)).table(), reader.readTable(part).table());
    JsonNode classes = r.json().get("classes");
    assertEquals(3, classes.size(), "marginal, prefix and all");
    assertEquals("prefix", classes.get(1).get("class").asText());
    for (int i = 0; i < 3; i++) {
      assertEquals(expected.get(i).meanL1(), classes.get(i).get("mean_l1").asDouble(), 1e-12);
      assertEquals(expected.get(i).maxAbs(), classes.get(i).get("max_abs").asDouble(), 1e-12);
    }
    assertTrue(classes.get(0).get("mean_l1").asDouble() > 0.005, "a 1,500-row head is not the whole table");
  }

  @Test
  void theNoiseReferenceFollowsTheBriefsFormula() {
    CliRun r = CliRun.run("evaluate", "--real", SAMPLE, "--synthetic", SAMPLE, "--domain", DOMAIN,
        "--workload", "marginals:2", "--epsilon", "1", "--json");
    assertEquals(0, r.exitCode(), r.err());
    double rho = io.dpforge.synth.PrivacyBudget.of(1, 1e-9).rho();
    double sigma = Math.sqrt(21 / (2 * rho)) / 28155;
    var w = WorkloadSpec.parse("marginals:2", Domain.read(Path.of(DOMAIN)));
    double cells = (double) w.answers() / w.sets();
    assertEquals(cells * sigma * Math.sqrt(2 / Math.PI),
        r.json().get("noise_reference").get(0).get("mean_l1").asDouble(), 1e-12);
  }

  @Test
  void aMissingFileIsBadInput(@TempDir Path dir) {
    CliRun r = CliRun.run("evaluate", "--real", SAMPLE, "--synthetic", dir.resolve("none.csv").toString(),
        "--domain", DOMAIN, "--json");
    assertEquals(2, r.exitCode());
    assertTrue(r.json().get("error").asText().contains("none.csv"), r.out());
  }

  @Test
  void aBadWorkloadIsBadInput() {
    CliRun r = CliRun.run("evaluate", "--real", SAMPLE, "--synthetic", SAMPLE, "--domain", DOMAIN,
        "--workload", "cubes:3", "--json");
    assertEquals(2, r.exitCode());
    assertTrue(r.json().get("error").asText().contains("bad term 'cubes:3'"), r.out());
  }
}
