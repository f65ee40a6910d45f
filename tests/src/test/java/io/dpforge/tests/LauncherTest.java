package io.dpforge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the real launcher on the distribution the build just assembled. */
class LauncherTest {

  @Test
  void helpAndVersionWork() throws Exception {
    Launcher.Result help = Launcher.run(List.of("--help"));
    assertEquals(0, help.exitCode(), help.err());
    assertTrue(help.out().contains("Usage: dpforge"));
    assertTrue(help.err().isEmpty() || !help.err().contains("building the distribution"),
        "the launcher rebuilt a fresh distribution: " + help.err());

    Launcher.Result version = Launcher.run(List.of("--version"));
    assertEquals(0, version.exitCode());
    assertTrue(version.out().startsWith("dpforge "), version.out());
  }

  @Test
  void badInputExitsNonZero() throws Exception {
    Launcher.Result r = Launcher.run(List.of("domain", "check", "--input", "no-such.csv",
        "--domain", "samples/cps1988/domain.json"));
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("input file not found: no-such.csv"), r.err());
  }
}
