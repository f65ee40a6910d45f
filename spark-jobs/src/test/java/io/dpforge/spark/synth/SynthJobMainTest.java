package io.dpforge.spark.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit entry point: exit codes and the JSON result, on bad input caught before Spark starts. */
class SynthJobMainTest {

  private record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      String[] lines = out.strip().split("\n");
      return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
  }

  private static synchronized Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      int code = SynthJobMain.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void aMissingInputIsBadInputWithAJsonError(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("none.csv");
    Run r = run("--input", missing.toString(), "--domain", Samples.DOMAIN_FILE.toString(), "--epsilon", "1",
        "--out", dir.resolve("s.csv").toString(), "--json");
    assertEquals(2, r.code(), r.err());
    JsonNode j = r.json();
    assertFalse(j.get("ok").asBoolean());
    assertEquals("input file not found: " + missing, j.get("error").asText());
    assertEquals(2, j.get("exit_code").asInt());
    assertTrue(r.err().contains("error: input file not found"), r.err());
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "nothing written");
    }
  }

  @Test
  void seededNoiseWithoutASeedAndAMissingEpsilonAreRefused(@TempDir Path dir) throws Exception {
    Run noSeed = run("--input", Samples.CSV.toString(), "--domain", Samples.DOMAIN_FILE.toString(), "--epsilon", "1",
        "--insecure-seeded-noise", "--out", dir.resolve("s.csv").toString(), "--json");
    assertEquals(2, noSeed.code());
    assertTrue(noSeed.json().get("error").asText().contains("--insecure-seeded-noise needs --seed"));
    Run usage = run("--input", Samples.CSV.toString(), "--domain", Samples.DOMAIN_FILE.toString());
    assertEquals(2, usage.code());
    assertTrue(usage.err().contains("Missing required option: '--epsilon=<epsilon>'"), usage.err());
  }
}
