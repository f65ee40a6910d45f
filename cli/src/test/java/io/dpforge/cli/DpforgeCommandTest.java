package io.dpforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dpforge.dp.data.Domain;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpforgeCommandTest {
  private static final String SAMPLE = "../samples/cps1988/cps1988.csv";
  private static final String DOMAIN = "../samples/cps1988/domain.json";

  @Test
  void helpListsCommands() {
    CliRun r = CliRun.run("--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("Usage: dpforge"), r.out());
    assertTrue(r.out().contains("demo"));
    assertTrue(r.out().contains("domain"));
  }

  @Test
  void versionComesFromTheBuild() {
    CliRun r = CliRun.run("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("dpforge 0."), r.out());
    assertFalse(r.out().contains("${"), "version was not filtered: " + r.out());
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertEquals(2, CliRun.run("domain", "check", "--bogus").exitCode());
  }

  @Test
  void domainCheckReportsCountsAsJson() {
    CliRun r = CliRun.run("domain", "check", "--input", SAMPLE, "--domain", DOMAIN, "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = r.json();
    assertTrue(j.get("ok").asBoolean());
    assertEquals(28_155, j.get("rows_read").asLong());
    assertEquals(28_155, j.get("rows_kept").asLong());
  }

  @Test
  void badInputExitsTwoWithAJsonError(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "wage,education,experience,ethnicity,smsa,region,parttime\n"
        + "100,12,5,cauc,yes,mars,no\n");
    CliRun r = CliRun.run("domain", "check", "--input", csv.toString(), "--domain", DOMAIN, "--json");
    assertEquals(2, r.exitCode());
    JsonNode j = r.json();
    assertFalse(j.get("ok").asBoolean());
    assertEquals(csv + " line 2, column 'region': value 'mars' is not in the domain (expected one of:"
        + " northeast, midwest, south, west) (use --on-invalid clip|drop to skip such rows)", j.get("error").asText());
    assertTrue(r.err().contains("error: " + csv + " line 2"));

    CliRun dropped = CliRun.run("domain", "check", "--input", csv.toString(), "--domain", DOMAIN,
        "--on-invalid", "drop", "--json");
    assertEquals(0, dropped.exitCode());
    assertEquals(1, dropped.json().get("rows_dropped").asLong());
  }

  @Test
  void inferWritesADraftAndSaysItIsNotPrivate(@TempDir Path dir) {
    Path out = dir.resolve("drafted.json");
    CliRun r = CliRun.run("domain", "infer", "--input", SAMPLE, "--out", out.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("NOT differentially private"));
    JsonNode j = r.json();
    assertFalse(j.get("private").asBoolean());
    assertEquals(28_155, j.get("rows").asLong());
    Domain d = Domain.read(out);
    assertEquals(7, d.size());
    assertEquals("categorical", d.column("region").typeName());
  }
}
