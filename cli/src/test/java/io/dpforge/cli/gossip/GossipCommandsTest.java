package io.dpforge.cli.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpforge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GossipCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;

  @BeforeEach
  void capture() {
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(stdout);
    System.setErr(stderr);
  }

  private List<JsonNode> jsonLines() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{")) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  private JsonNode lastJson() throws Exception {
    List<JsonNode> all = jsonLines();
    return all.get(all.size() - 1);
  }

  @Test
  void simulateReachesTheTargetAndWritesAChart() throws Exception {
    Path html = dir.resolve("curve.html");
    int code = Main.run("gossip", "simulate", "--graph", "cycle", "--nodes", "10", "--dim", "5", "--problem",
        "quadratic", "--target", "1e-6", "--seed", "1", "--report", html.toString(), "--json");
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    JsonNode r = lastJson();
    assertTrue(r.get("reached_target").asBoolean());
    assertTrue(r.get("gradients").asLong() <= 4000);
    assertTrue(r.get("communications").asLong() <= 6500);
    assertEquals(15.350018, r.get("total_edge_rate").asDouble(), 1e-6);
    String page = Files.readString(html);
    assertTrue(page.contains("<svg") && page.contains("<polyline"), "chart");
  }

  @Test
  void simulateLogisticOnTheBundledSample() throws Exception {
    int code = Main.run("gossip", "simulate", "--graph", "grid", "--nodes", "9", "--problem", "logistic",
        "--algorithm", "dadao", "--target", "1e-3", "--max-time", "3000", "--json");
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    JsonNode r = lastJson();
    assertTrue(r.get("reached_target").asBoolean());
    assertEquals(9, r.get("dim").asInt());
  }

  @Test
  void badGraphsAreBadInput() throws Exception {
    assertEquals(2, Main.run("gossip", "simulate", "--graph", "hexagon", "--json"));
    assertTrue(lastJson().get("error").asText().contains("--graph must be one of"));
    Path edges = dir.resolve("edges.txt");
    Files.writeString(edges, "0 1\n1 two\n");
    assertEquals(2, Main.run("gossip", "simulate", "--graph", "file", "--edges", edges.toString(), "--json"));
    assertTrue(lastJson().get("error").asText().contains("edges.txt:2: node id 'two'"), lastJson().toString());
  }

  @Test
  void clusterOnLoopbackSocketsConvergesWithoutLosingExchanges() throws Exception {
    int code = Main.run("gossip", "cluster", "--graph", "cycle", "--nodes", "6", "--dim", "20", "--target", "1e-2",
        "--time-unit-ms", "5", "--initial-slowdown", "2", "--max-time", "600", "--json");
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    JsonNode r = lastJson();
    assertTrue(r.get("reached_target").asBoolean());
    assertEquals(r.get("exchanges_initiated").asLong(), r.get("exchanges_answered").asLong());
    assertEquals(0, r.get("exchanges_failed").asLong());
    assertTrue(r.get("invariant_drift").asDouble() < 1e-9);
    assertEquals(160, r.get("payload_bytes_per_direction").asLong());
    // The simulator ran the same setup; its counts are reported beside the cluster's (the 1.5x comparison
    // is asserted on a larger run in the decentralized module, where counts are less noisy).
    assertTrue(r.get("simulator_reached_target").asBoolean());
    assertTrue(r.get("exchanges_per_second").asDouble() > 0 && r.get("bytes_sent").asLong() > 0);
  }

  @Test
  void twoNodesGossipAcrossSeparateServers() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String start = Long.toString(System.currentTimeMillis() + 1500);
    String[] common = {"--graph", "path", "--nodes", "2", "--dim", "3", "--duration", "40", "--time-unit-ms", "10",
        "--warm-up", "0", "--start-at", start, "--linger-ms", "500", "--json"};
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> one = pool.submit(() -> Main.run(concat(new String[] {"gossip", "node", "--id", "1",
          "--listen", "127.0.0.1:" + port}, common)));
      Future<Integer> zero = pool.submit(() -> Main.run(concat(new String[] {"gossip", "node", "--id", "0",
          "--listen", "127.0.0.1:0", "--peers", "1=127.0.0.1:" + port}, common)));
      assertEquals(0, zero.get(60, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
      assertEquals(0, one.get(60, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
    } finally {
      pool.shutdownNow();
    }
    JsonNode n0 = null;
    JsonNode n1 = null;
    for (JsonNode j : jsonLines()) {
      if (j.get("node").asInt() == 0) {
        n0 = j;
      } else {
        n1 = j;
      }
    }
    assertTrue(n0.get("exchanges_initiated").asLong() > 10, n0.toString());
    assertEquals(n0.get("exchanges_initiated").asLong(), n1.get("exchanges_answered").asLong());
    assertEquals(0, n1.get("exchanges_initiated").asLong());
    assertTrue(n0.get("gradients").asLong() > 10 && n1.get("gradients").asLong() > 10);
  }

  @Test
  void nodeNeedsItsNeighboursAddresses() throws Exception {
    assertEquals(2, Main.run("gossip", "node", "--graph", "path", "--nodes", "3", "--id", "1", "--json"));
    assertTrue(lastJson().get("error").asText().contains("lacks the address of neighbour(s) [2]"));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] c = new String[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
