package io.dpforge.cli.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dpforge.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContinualCommandsTest {

  @Test
  void analyzeReportsTheExactCoefficientsAndRatios() {
    CliRun r = CliRun.run("continual", "analyze", "--mechanism", "tree,sqrt,blt:4", "--horizon", "2^20", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = r.json();
    assertEquals(1 << 20, j.get("horizon").asLong());
    JsonNode tree = j.get("mechanisms").get(0);
    assertEquals(420.0, tree.get("var_max").asDouble(), 1e-9);
    assertEquals(17_640.0, tree.get("laplace_var_max").asDouble(), 1e-6);
    JsonNode sqrt = j.get("mechanisms").get(1);
    assertEquals(1.0, sqrt.get("var_max_ratio").asDouble(), 1e-12);
    assertEquals(28.28, sqrt.get("var_mean").asDouble(), 0.005);
    JsonNode blt = j.get("mechanisms").get(2);
    assertEquals(1.031, blt.get("var_max_ratio").asDouble(), 0.001);
    assertEquals(4, blt.get("blt_decays").size());
    assertTrue(r.err().contains("| blt:4 |"), "human table on stderr with --json: " + r.err());
  }

  @Test
  void simulateSaysItsNoiseIsNotPrivateAndMatchesTheAnalysis() {
    CliRun r = CliRun.run("continual", "simulate", "--mechanism", "honaker", "--horizon", "1024", "--trials", "60",
        "--rho", "0.5", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = r.json();
    assertFalse(j.get("private").asBoolean());
    assertTrue(j.get("noise").asText().contains("NOT PRIVATE"));
    assertEquals(1.0, j.get("mean_ratio").asDouble(), 4 * j.get("mean_ratio_standard_error").asDouble());
  }

  @Test
  void badArgumentsExitTwoWithTheFieldNamed(@TempDir Path dir) throws Exception {
    CliRun unknown = CliRun.run("continual", "analyze", "--mechanism", "fft", "--horizon", "64", "--json");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.json().get("error").asText().contains("--mechanism"), unknown.out());
    assertEquals(2, CliRun.run("continual", "simulate", "--mechanism", "sqrt", "--horizon", "64", "--epsilon", "1")
        .exitCode(), "no Laplace square root");
    Path keys = dir.resolve("keys.txt");
    Files.writeString(keys, "a\nb\na\n");
    CliRun dup = CliRun.run("release", "--input", dir.toString(), "--key", "k", "--time", "t", "--tick", "1h",
        "--horizon", "10", "--rho", "0.5", "--keys", keys.toString(), "--out", dir.resolve("out").toString(), "--json");
    assertEquals(2, dup.exitCode(), dup.err());
    assertTrue(dup.json().get("error").asText().contains("keys.txt, line 3"), dup.out());
    assertEquals(2, CliRun.run("release", "--input", dir.toString(), "--key", "k", "--time", "t", "--tick", "soon",
        "--horizon", "10", "--rho", "0.5", "--keys", keys.toString(), "--out", dir.toString()).exitCode());
  }
}
