package io.dpforge.decentralized.graph;

import io.dpforge.dp.data.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a graph from an edge-list file: one edge per line as two node ids ({@code 0-based}),
 * separated by spaces, tabs or a comma; blank lines and lines starting with {@code #} are skipped.
 * The node count is the largest id plus one, and every node must be reachable.
 */
public final class EdgeListFile {
  private EdgeListFile() {}

  /**
   * @throws InvalidInputException naming the file and line of a malformed, duplicate or self-loop
   *     edge, or the node that cannot be reached
   */
  public static Graph read(Path file) {
    List<Edge> edges = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    int maxId = -1;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        String[] parts = s.split("[\\s,]+");
        if (parts.length != 2) {
          throw bad(file, lineNo, "expected two node ids separated by a space, tab or comma, got '" + s + "'");
        }
        int u = nodeId(file, lineNo, parts[0]);
        int v = nodeId(file, lineNo, parts[1]);
        if (u == v) {
          throw bad(file, lineNo, "self-loop at node " + u + " (an edge needs two distinct nodes)");
        }
        Edge e = new Edge(u, v);
        int previous = edges.indexOf(e);
        if (previous >= 0) {
          throw bad(file, lineNo, "duplicate edge " + e.u() + "-" + e.v() + " (first on line " + lines.get(previous) + ")");
        }
        edges.add(e);
        lines.add(lineNo);
        maxId = Math.max(maxId, e.v());
      }
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": edge-list file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read edge list " + file + ": " + e.getMessage(), e);
    }
    if (edges.isEmpty()) {
      throw new InvalidInputException(file + ": no edges (expected lines of two node ids)");
    }
    try {
      return Graph.of(file.getFileName().toString(), maxId + 1, edges);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file + ": " + e.getMessage() + " (node ids are 0-based; every id up to the largest must appear)");
    }
  }

  private static int nodeId(Path file, int line, String text) {
    try {
      int id = Integer.parseInt(text);
      if (id < 0) {
        throw bad(file, line, "node id '" + text + "' is negative (expected a 0-based id)");
      }
      return id;
    } catch (NumberFormatException e) {
      throw bad(file, line, "node id '" + text + "' is not a non-negative integer");
    }
  }

  private static InvalidInputException bad(Path file, int line, String what) {
    return new InvalidInputException(file + ":" + line + ": " + what);
  }
}
