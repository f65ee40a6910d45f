package io.dpforge.cli.fl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dpforge.cli.CliRun;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The federated commands on tiny generated Fashion-MNIST-format data (two separable classes of blobs). */
class FlCommandsTest {
  @TempDir
  static Path data;

  @BeforeAll
  static void writeData() throws IOException {
    write("train", 400, 1);
    write("t10k", 200, 2);
  }

  /** Class 0 lights the top half of the image, class 1 the bottom half, with noise. */
  private static void write(String prefix, int n, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] labels = new byte[n];
    byte[] pixels = new byte[n * 784];
    for (int i = 0; i < n; i++) {
      int label = r.nextInt(2);
      labels[i] = (byte) label;
      for (int p = 0; p < 784; p++) {
        boolean lit = (p < 392) == (label == 0);
        pixels[i * 784 + p] = (byte) (lit ? 120 + r.nextInt(100) : r.nextInt(100));
      }
    }
    try (DataOutputStream out = gz(data.resolve(prefix + "-images-idx3-ubyte.gz"))) {
      out.writeInt(0x803);
      out.writeInt(n);
      out.writeInt(28);
      out.writeInt(28);
      out.write(pixels);
    }
    try (DataOutputStream out = gz(data.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
      out.writeInt(0x801);
      out.writeInt(n);
      out.write(labels);
    }
  }

  private static DataOutputStream gz(Path p) throws IOException {
    OutputStream o = new GZIPOutputStream(Files.newOutputStream(p));
    return new DataOutputStream(o);
  }

  @Test
  void simulateTrainsAndReportsJson() {
    CliRun run = CliRun.run("fl", "simulate", "--data", data.toString(), "--clients", "4", "--strategy", "fedbuff",
        "--buffer-size", "2", "--delays", "fixed-range:0.05,0.15", "--duration", "20", "--eval-every", "0.25",
        "--target-accuracy", "0.9", "--stop-at-target", "--lr", "0.1", "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode j = run.json();
    assertTrue(j.get("ok").asBoolean());
    assertEquals("fedbuff", j.get("strategy").asText());
    assertTrue(j.get("final_accuracy").asDouble() >= 0.9, j.toString());
    assertTrue(j.get("seconds_to_target").isNumber(), j.toString());
    assertTrue(j.get("versions").asLong() > 0);
    assertEquals(0, j.get("client_failures").asInt());
  }

  @Test
  void simulateWithCentralDpLabelsSeededNoiseNotPrivate() {
    CliRun run = CliRun.run("fl", "simulate", "--data", data.toString(), "--clients", "4", "--strategy", "fedfix",
        "--period", "0.1", "--delays", "fixed-range:0.05,0.1", "--duration", "30", "--eval-every", "0.25",
        "--dp-clip", "1", "--dp-noise", "1", "--dp-max-participations", "3", "--dp-seed", "5", "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode p = run.json().get("privacy");
    assertTrue(p.get("enabled").asBoolean());
    assertTrue(p.get("not_private_seeded_noise").asBoolean());
    assertTrue(p.get("rho_spent").asDouble() <= 3 * 0.5 + 1e-9, p.toString());
    assertTrue(run.json().get("finish_reason").asText().startsWith("privacy budget spent"), run.json().toString());
  }

  /**
   * Local DP-SGD: 100 examples per client, lot 20, one epoch = 5 steps per round; each client's ledger
   * pays for exactly 3 rounds at ε = 4, so at most 3 updates per client reach the coordinator, the
   * clients stop by themselves, and the easy task is still learned.
   */
  @Test
  void localDpSgdClientsStopWhenTheirBudgetIsSpent() {
    CliRun run = CliRun.run("fl", "simulate", "--data", data.toString(), "--clients", "4", "--alpha", "100",
        "--strategy", "fedbuff", "--buffer-size", "2", "--delays", "fixed-range:0.05,0.1", "--duration", "60",
        "--eval-every", "0.25", "--optimizer", "dpsgd", "--local-epsilon", "4", "--local-rounds", "3", "--batch", "20",
        "--lr", "0.5", "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode j = run.json();
    assertTrue(j.get("finish_reason").asText().startsWith("every client stopped"), j.toString());
    assertTrue(j.get("uploads").asLong() <= 12 && j.get("uploads").asLong() >= 6, j.toString());
    assertEquals(0, j.get("client_failures").asInt());
    assertTrue(j.get("final_accuracy").asDouble() >= 0.8, j.toString());
  }

  @Test
  void simulateWithSecureAggregationMasksEveryUpdateAndStillLearns() {
    CliRun run = CliRun.run("fl", "simulate", "--data", data.toString(), "--clients", "4", "--strategy", "fedbuff",
        "--buffer-size", "2", "--delays", "fixed-range:0.05,0.15", "--duration", "20", "--eval-every", "0.25",
        "--target-accuracy", "0.9", "--stop-at-target", "--lr", "0.1", "--secure-aggregation", "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode j = run.json();
    assertTrue(j.get("secure_aggregation").asBoolean());
    assertTrue(j.get("final_accuracy").asDouble() >= 0.9, j.toString());
    assertEquals(0, j.get("client_failures").asInt());
    assertTrue(run.err().contains("secure aggregation: SecAgg+ per cohort"), run.err());
  }

  @Test
  void theCoordinatorNeedsTlsOrAnExplicitInsecureFlag() {
    CliRun none = CliRun.run("coordinator", "--dimension", "4", "--port", "0", "--strategy", "fedbuff",
        "--json");
    assertEquals(2, none.exitCode());
    assertTrue(none.json().get("error").asText().contains("--tls-dir DIR is required"), none.out());
    CliRun revokedPlain = CliRun.run("coordinator", "--dimension", "4", "--port", "0", "--strategy", "fedbuff",
        "--insecure", "--revoked",
        data.resolve("none.txt").toString(), "--json");
    assertEquals(2, revokedPlain.exitCode());
    assertTrue(revokedPlain.json().get("error").asText().contains("need --tls-dir"), revokedPlain.out());
    CliRun async = CliRun.run("coordinator", "--dimension", "4", "--port", "0", "--insecure", "--strategy", "async",
        "--secure-aggregation", "--json");
    assertEquals(2, async.exitCode());
    assertTrue(async.json().get("error").asText().contains("at least 2 updates"), async.out());
    assertTrue(async.err().contains("WARNING: --insecure"), async.err());
    CliRun client = CliRun.run("client", "--coordinator", "localhost:1", "--data", data.toString(),
        "--partition", "0/3", "--json");
    assertEquals(2, client.exitCode());
    assertTrue(client.json().get("error").asText().contains("--tls-dir DIR is required"), client.out());
  }

  @Test
  void badFlagsAreBadInput() {
    CliRun delays = CliRun.run("fl", "simulate", "--data", data.toString(), "--clients", "2", "--strategy", "async",
        "--delays", "gamma:1", "--json");
    assertEquals(2, delays.exitCode());
    assertTrue(delays.json().get("error").asText().contains("--delays"), delays.out());
    CliRun strategy = CliRun.run("fl", "simulate", "--data", data.toString(), "--clients", "2", "--strategy",
        "fedfix", "--weights", "examples", "--json");
    assertEquals(2, strategy.exitCode());
    assertTrue(strategy.json().get("error").asText().contains("examples"), strategy.out());
    CliRun partition = CliRun.run("client", "--coordinator", "localhost:1", "--data", data.toString(),
        "--partition", "5/3", "--json");
    assertEquals(2, partition.exitCode());
    assertTrue(partition.json().get("error").asText().contains("--partition"), partition.out());
    CliRun noEpsilon = CliRun.run("fl", "simulate", "--data", data.toString(), "--clients", "2", "--strategy",
        "async", "--optimizer", "dpsgd", "--json");
    assertEquals(2, noEpsilon.exitCode());
    assertTrue(noEpsilon.json().get("error").asText().contains("--local-epsilon"), noEpsilon.out());
    CliRun missing = CliRun.run("fl", "simulate", "--data", data.resolve("nope").toString(), "--clients", "2",
        "--strategy", "async", "--json");
    assertEquals(2, missing.exitCode(), missing.out());
  }
}
