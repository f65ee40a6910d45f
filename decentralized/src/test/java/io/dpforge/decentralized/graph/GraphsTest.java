package io.dpforge.decentralized.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.data.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphsTest {
  @TempDir
  Path dir;

  @Test
  void familiesHaveTheExpectedSizes() {
    assertEquals(24, Graphs.grid(4, 4).edgeCount());
    assertEquals(Graphs.grid(4, 4).edgeCount(), Graphs.grid(16).edgeCount());
    assertEquals(3 * 3 + 2 * 4, Graphs.grid(12).edgeCount()); // 3 rows x 4 columns
    // Two K5 and a bridge: 2·10 + 1 edges; odd n puts one node in the middle of the bridge.
    assertEquals(21, Graphs.barbell(10).edgeCount());
    assertEquals(22, Graphs.barbell(11).edgeCount());
    assertEquals(2, Graphs.barbell(11).degree(5));
  }

  @Test
  void randomGraphsAreSeededAndConnected() {
    Graph a = Graphs.randomGeometric(40, 0.15, 7);
    Graph b = Graphs.randomGeometric(40, 0.15, 7);
    assertEquals(a.edges(), b.edges());
    assertTrue(Spectrum.unweighted(a).lambda2() > 1e-9, "connected");
    Graph er = Graphs.erdosRenyi(30, 0.2, 3);
    assertEquals(er.edges(), Graphs.erdosRenyi(30, 0.2, 3).edges());
    // G(30, 0.2) has 87 edges in expectation; a seeded draw lies well within ±40.
    assertTrue(Math.abs(er.edgeCount() - 87) < 40, "edges " + er.edgeCount());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Graphs.erdosRenyi(50, 0.001, 1));
    assertTrue(e.getMessage().contains("larger edge probability"), e.getMessage());
  }

  @Test
  void readsEdgeListsAndNamesBadLines() throws Exception {
    Path ok = dir.resolve("ring.txt");
    Files.writeString(ok, "# a 4-cycle\n0 1\n1,2\n2\t3\n\n3 0\n");
    Graph g = EdgeListFile.read(ok);
    assertEquals(4, g.nodes());
    assertEquals(4, g.edgeCount());

    assertBad("0 1\n1 x\n", "bad.txt:2: node id 'x' is not a non-negative integer");
    assertBad("0 1\n1 2 3\n", "bad.txt:2: expected two node ids");
    assertBad("0 1\n1 1\n", "bad.txt:2: self-loop at node 1");
    assertBad("0 1\n1 2\n2 1\n", "bad.txt:3: duplicate edge 1-2 (first on line 2)");
    assertBad("0 1\n2 3\n", "not connected");
    assertBad("# nothing\n", "no edges");
    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> EdgeListFile.read(dir.resolve("absent.txt")));
    assertTrue(missing.getMessage().contains("absent.txt: edge-list file not found"), missing.getMessage());
  }

  private void assertBad(String content, String expected) throws Exception {
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, content);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> EdgeListFile.read(bad));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
