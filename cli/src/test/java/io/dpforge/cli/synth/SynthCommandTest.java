package io.dpforge.cli.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dpforge synth} on input it refuses before Spark starts (whole runs are in the tests module). */
class SynthCommandTest {
  private static final String DOMAIN = "../samples/cps1988/domain.json";
  private static final String SAMPLE = "../samples/cps1988/cps1988.csv";

  @Test
  void anUnwritableOutputIsBadInputAndNothingIsWritten(@TempDir Path dir) throws Exception {
    Path blocker = Files.writeString(dir.resolve("file"), "x");
    CliRun r = CliRun.run("synth", "--input", SAMPLE, "--domain", DOMAIN, "--epsilon", "1",
        "--out", blocker.resolve("s.csv").toString(), "--json");
    assertEquals(2, r.exitCode(), r.err());
    assertFalse(r.json().get("ok").asBoolean());
    assertTrue(r.json().get("error").asText().startsWith("cannot write output " + blocker.resolve("s.csv")),
        r.json().toString());
  }

  @Test
  void aBadEpsilonAndAnUnknownModeAreBadInput(@TempDir Path dir) {
    String out = dir.resolve("s.csv").toString();
    CliRun eps = CliRun.run("synth", "--input", SAMPLE, "--domain", DOMAIN, "--epsilon", "-1", "--out", out, "--json");
    assertEquals(2, eps.exitCode());
    assertEquals("epsilon must be positive and finite, got -1.0", eps.json().get("error").asText());
    CliRun mode = CliRun.run("synth", "--input", SAMPLE, "--domain", DOMAIN, "--epsilon", "1", "--mode", "fast",
        "--out", out, "--json");
    assertEquals(2, mode.exitCode());
    assertTrue(mode.json().get("error").asText().contains("unknown mode 'fast'"));
  }

  @Test
  void helpNamesTheSeedSemantics() {
    CliRun r = CliRun.run("synth", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("--insecure-seeded-noise"));
    assertTrue(r.out().replaceAll("\\s+", " ").contains("The DP noise is never seeded by this option"), r.out());
  }
}
