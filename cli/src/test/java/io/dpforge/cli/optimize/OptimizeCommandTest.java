package io.dpforge.cli.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dpforge.cli.CliRun;
import org.junit.jupiter.api.Test;

class OptimizeCommandTest {
  private static final String[] SYNTHETIC = {"optimize", "--problem", "logreg-nonconvex", "--data", "synthetic",
      "--n", "3000", "--dim", "10", "--delta", "1e-5", "--seed", "4", "--json"};

  private static String[] with(String... extra) {
    String[] all = new String[SYNTHETIC.length + extra.length];
    System.arraycopy(SYNTHETIC, 0, all, 0, SYNTHETIC.length);
    System.arraycopy(extra, 0, all, SYNTHETIC.length, extra.length);
    return all;
  }

  @Test
  void dpSgdReportsGradientNormEpsilonAndEvaluations() {
    CliRun r = CliRun.run(with("--optimizer", "dpsgd", "--epsilon", "2", "--steps", "100", "--batch", "300",
        "--lr", "2", "--seeded-noise"));
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = r.json();
    assertTrue(j.get("ok").asBoolean());
    assertEquals("dpsgd", j.get("optimizer").asText());
    assertTrue(j.get("epsilon").asDouble() <= 2.0 + 1e-9 && j.get("epsilon").asDouble() > 1.9, j.toString());
    assertEquals(1e-5, j.get("delta").asDouble(), 0.0);
    assertFalse(j.get("private").asBoolean(), "seeded noise is not private");
    assertTrue(j.get("noise").asText().contains("NOT PRIVATE"), j.toString());
    assertTrue(r.err().contains("NOT PRIVATE"), r.err());
    // 100 Poisson lots of expected size 300.
    assertEquals(30_000, j.get("gradient_evaluations").asDouble(), 1_000);
    assertTrue(j.get("grad_norm").asDouble() > 0 && j.get("grad_norm").asDouble() < 0.1, j.toString());
    assertTrue(j.get("test_accuracy").asDouble() > 0.6, j.toString());
    assertTrue(j.get("settings").get("noise_multiplier").asDouble() > 0);
  }

  @Test
  void spiderBoostAndTreeSpiderRunPrivately() {
    CliRun s = CliRun.run(with("--optimizer", "spiderboost", "--epsilon", "4", "--steps", "40", "--phase", "10",
        "--batch", "500"));
    assertEquals(0, s.exitCode(), s.err());
    JsonNode j = s.json();
    assertTrue(j.get("private").asBoolean());
    assertEquals(4.0, j.get("settings").get("anchors").asDouble(), 0.0);
    assertTrue(j.get("epsilon").asDouble() <= 4.0 + 1e-9);
    CliRun t = CliRun.run(with("--optimizer", "tree-spider", "--epsilon", "1"));
    assertEquals(0, t.exitCode(), t.err());
    assertEquals(1.0, t.json().get("epsilon").asDouble(), 1e-12);
  }

  @Test
  void sgdIsReportedAsNonPrivate() {
    CliRun r = CliRun.run(with("--optimizer", "sgd", "--epochs", "2"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.json().get("epsilon").isNull());
    assertEquals(6000, r.json().get("gradient_evaluations").asLong());
  }

  @Test
  void badInputExitsTwo() {
    CliRun noEpsilon = CliRun.run(with("--optimizer", "dpsgd"));
    assertEquals(2, noEpsilon.exitCode());
    assertTrue(noEpsilon.json().get("error").asText().contains("--epsilon"));
    assertEquals(2, CliRun.run(with("--optimizer", "adam", "--epsilon", "1")).exitCode());
    CliRun noDim = CliRun.run("optimize", "--problem", "logreg", "--data", "synthetic", "--n", "10",
        "--optimizer", "sgd", "--json");
    assertEquals(2, noDim.exitCode());
    assertTrue(noDim.json().get("error").asText().contains("--dim"));
  }
}
