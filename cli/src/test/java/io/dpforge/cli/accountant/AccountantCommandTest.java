package io.dpforge.cli.accountant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpforge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AccountantCommandTest {

  private record Run(int exitCode, JsonNode json) {}

  private static Run run(String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run(args);
    } finally {
      System.setOut(original);
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
    return new Run(code, new ObjectMapper().readTree(lines[lines.length - 1]));
  }

  @Test
  void rdpReportsEpsilonAndOrder() throws Exception {
    Run r = run("accountant", "rdp", "--sampling-rate", "0.01", "--noise-multiplier", "1.1", "--steps", "10000",
        "--delta", "1e-5", "--json");
    assertEquals(0, r.exitCode());
    assertEquals(5.631992, r.json().get("epsilon").asDouble(), 1e-6);
    assertEquals(4.7, r.json().get("order").asDouble(), 1e-12);
    assertEquals(6.278710, r.json().get("epsilon_classic").asDouble(), 1e-6);
  }

  @Test
  void pldReportsTheTightEpsilon() throws Exception {
    Run r = run("accountant", "pld", "--sampling-rate", "0.1", "--noise-multiplier", "3", "--steps", "512",
        "--delta", "1e-6", "--json");
    assertEquals(0, r.exitCode());
    assertEquals(3.770, r.json().get("epsilon").asDouble(), 0.005);
  }

  @Test
  void calibrateFollowsOpacus() throws Exception {
    Run r = run("accountant", "calibrate", "--epsilon", "8", "--delta", "1e-5", "--sampling-rate", "0.04",
        "--steps", "2000", "--json");
    assertEquals(0, r.exitCode());
    assertEquals(1.3562, r.json().get("noise_multiplier").asDouble(), 1e-4);
    assertTrue(r.json().get("epsilon").asDouble() <= 8);
  }

  @Test
  void badInputExitsTwoNamingTheFlag() throws Exception {
    Run r = run("accountant", "rdp", "--sampling-rate", "1.5", "--noise-multiplier", "1", "--steps", "10",
        "--delta", "1e-5", "--json");
    assertEquals(2, r.exitCode());
    assertTrue(r.json().get("error").asText().contains("--sampling-rate"), r.json().toString());
    Run low = run("accountant", "calibrate", "--epsilon", "1e-9", "--delta", "1e-5", "--sampling-rate", "1",
        "--steps", "1000", "--json");
    assertEquals(2, low.exitCode());
    assertTrue(low.json().get("error").asText().contains("too low"), low.json().toString());
  }
}
