package io.dpforge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dpforge synth} on bad input: a clear message, exit code 2, and no output file at all. */
class SynthBadInputTest {
  private static final Path SAMPLE = Launcher.ROOT.resolve("samples/cps1988/cps1988.csv");
  private static final Path DOMAIN_FILE = Launcher.ROOT.resolve("samples/cps1988/domain.json");

  private static Launcher.Result synth(Path input, Path domain, Path out) throws Exception {
    return Launcher.run(List.of("synth", "--input", input.toString(), "--domain", domain.toString(), "--epsilon", "1",
        "--master", "local[2]", "--out", out.toString(), "--report", out.resolveSibling("report.html").toString()));
  }

  private static void assertBadInput(Launcher.Result r, String message, Path outDir) throws Exception {
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("error: " + message), r.err());
    try (Stream<Path> files = Files.list(outDir)) {
      assertEquals(List.of(), files.toList(), "no output, no temporary file");
    }
  }

  @Test
  void aMissingInputFile(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectory(dir.resolve("out"));
    Path missing = dir.resolve("missing.csv");
    assertBadInput(synth(missing, DOMAIN_FILE, out.resolve("s.csv")), "input file not found: " + missing, out);
  }

  @Test
  void aDomainTheFileDoesNotMatch(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectory(dir.resolve("out"));
    Path domain = dir.resolve("domain.json");
    Files.writeString(domain, Files.readString(DOMAIN_FILE).replace("\"name\": \"region\"", "\"name\": \"state\""));
    assertBadInput(synth(SAMPLE, domain, out.resolve("s.csv")),
        SAMPLE + " line 1: the header lacks column 'state' required by the domain", out);
  }

  @Test
  void anInvalidValue(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectory(dir.resolve("out"));
    List<String> lines = new ArrayList<>(Files.readAllLines(SAMPLE));
    lines.set(1233, "354.94,7,45,cauc,yes,northeast,sometimes");
    Path input = Files.write(dir.resolve("bad.csv"), lines);
    assertBadInput(synth(input, DOMAIN_FILE, out.resolve("s.csv")), input + " line 1234, column 'parttime': value"
        + " 'sometimes' is not in the domain (expected one of: no, yes) (use --on-invalid clip|drop to skip such rows)",
        out);
  }

  @Test
  void anUnwritableOutput(@TempDir Path dir) throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
    Launcher.Result r = synth(SAMPLE, DOMAIN_FILE, blocker.resolve("s.csv"));
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("error: cannot write output " + blocker.resolve("s.csv")), r.err());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(blocker), files.toList());
    }
  }
}
