package io.dpforge.spark.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.dp.data.ReadSummary;
import io.dpforge.synth.mechanism.PrivateAnswers;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadAnswerer;
import io.dpforge.synth.query.WorkloadCounts;
import io.dpforge.synth.query.WorkloadSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed pass against the single-machine reader and counter: the same answers, the same
 * row counts and the same error messages (file, line, column) on the bundled sample.
 */
class MeasurementPassTest {
  private static final String WORKLOAD = "marginals:2+prefix:1:5+halfspace:5";
  private static final Domain DOMAIN = Samples.DOMAIN;

  private static JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
  }

  private static TableSource csv(Path file, InvalidValuePolicy policy, int partitions) {
    return CsvSource.open(jsc(), InputFiles.resolve(file.toString(), jsc().hadoopConfiguration()), DOMAIN, ',',
        policy, partitions);
  }

  private static MeasurementPass.Measured pass(TableSource source, Workload w, InvalidValuePolicy policy) {
    return MeasurementPass.toDriver(jsc(), source, w, policy);
  }

  private static long[] all(PrivateAnswers a) {
    Workload w = a.workload();
    long[] out = new long[w.answers()];
    for (int s = 0; s < w.sets(); s++) {
      long[] c = a.counts(s);
      System.arraycopy(c, 0, out, w.offset(s), c.length);
    }
    return out;
  }

  @Test
  void csvInFourPartsCountsExactlyWhatOneMachineCounts() {
    Workload w = WorkloadSpec.parse(WORKLOAD, DOMAIN);
    WorkloadCounts expected = WorkloadAnswerer.count(w, Samples.table());
    MeasurementPass.Measured m = pass(csv(Samples.CSV, InvalidValuePolicy.ERROR, 4), w, InvalidValuePolicy.ERROR);
    assertTrue(m.input().partitions() >= 4, "read in " + m.input().partitions() + " parts");
    assertEquals(28_155, m.input().rowsRead());
    assertEquals(expected.rows(), m.answers().rows());
    assertArrayEquals(expected.counts(), all(m.answers()));
  }

  @Test
  void answersKeptOnTheClusterMatchTheDriversInEveryChunk() {
    Workload w = WorkloadSpec.parse(WORKLOAD, DOMAIN);
    PrivateAnswers local = PrivateAnswers.of(WorkloadAnswerer.count(w, Samples.table()));
    var broadcast = jsc().broadcast(w);
    var tallies = csv(Samples.CSV, InvalidValuePolicy.ERROR, 3).tally(broadcast);
    // Chunks of at most 200 answers: many chunks, several sets per chunk, the big sets alone.
    try (DistributedAnswers remote = DistributedAnswers.aggregate(tallies, w, local.rows(), 200)) {
      assertArrayEquals(all(local), all(remote));
      int[] sets = {0, 3, 7, 21, 22, w.sets() - 1};
      SplittableRandom random = new SplittableRandom(5);
      double[][] fractions = new double[sets.length][];
      for (int k = 0; k < sets.length; k++) {
        fractions[k] = random.doubles(w.set(sets[k]).size()).toArray();
      }
      assertArrayEquals(local.l1Errors(sets, fractions, 1234.5), remote.l1Errors(sets, fractions, 1234.5));
    }
  }

  /** The sample with some lines replaced (1-based line numbers, header = line 1). */
  private static Path edited(Path dir, String name, java.util.Map<Integer, String> lines) throws IOException {
    List<String> all = new ArrayList<>(Files.readAllLines(Samples.CSV));
    lines.forEach((n, text) -> all.set(n - 1, text));
    Path out = dir.resolve(name);
    if (name.endsWith(".gz")) {
      try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
        o.write((String.join("\n", all) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    } else {
      Files.write(out, all);
    }
    return out;
  }

  private static String singleMachineError(Path file) {
    return assertThrows(InvalidInputException.class,
        () -> CsvTableReader.builder(DOMAIN).build().readTable(file)).getMessage();
  }

  @Test
  void aBadValueDeepInTheFileIsNamedByLineAndColumnAsOneMachineNamesIt(@TempDir Path dir) throws IOException {
    Workload w = WorkloadSpec.parse("marginals:1", DOMAIN);
    for (String name : List.of("bad.csv", "bad.csv.gz")) {
      Path file = edited(dir, name, java.util.Map.of(20_000, "354.94,7,45,cauc,yes,east,no",
          25_000, "354.94,7,45,cauc,yes,west,maybe"));
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> pass(csv(file, InvalidValuePolicy.ERROR, 4), w, InvalidValuePolicy.ERROR));
      assertEquals(file + " line 20000, column 'region': value 'east' is not in the domain (expected one of:"
          + " northeast, midwest, south, west) (use --on-invalid clip|drop to skip such rows)", e.getMessage());
      if (name.endsWith(".gz")) {
        // A gzip file is one part (not splittable): the task itself counts the lines.
        assertEquals(singleMachineError(file.resolveSibling("bad.csv")), e.getMessage().replace(".gz", ""));
      } else {
        assertEquals(singleMachineError(file), e.getMessage());
      }
    }
  }

  @Test
  void clipAndDropKeepAndCountTheRowsOneMachineKeeps(@TempDir Path dir) throws IOException {
    Path file = edited(dir, "mixed.csv", java.util.Map.of(
        3, "25000,12,5,cauc,no,south,no",        // wage above the bound: clipped
        9_000, "300,12.4,5,cauc,no,south,no",   // not an integer: clipped (rounded)
        15_000, "300,12,5,cauc,no,east,no",     // unknown category: dropped under both
        27_000, "300,12,abc,cauc,no,south,no")); // not a number: dropped under both
    Workload w = WorkloadSpec.parse("marginals:2", DOMAIN);
    for (InvalidValuePolicy policy : List.of(InvalidValuePolicy.CLIP, InvalidValuePolicy.DROP)) {
      var single = CsvTableReader.builder(DOMAIN).onInvalid(policy).build().readTable(file);
      ReadSummary s = single.summary();
      MeasurementPass.Measured m = pass(csv(file, policy, 4), w, policy);
      assertEquals(List.of(s.rowsRead(), s.rowsKept(), s.rowsClipped(), s.rowsDropped()),
          List.of(m.input().rowsRead(), m.input().rowsKept(), m.input().rowsClipped(), m.input().rowsDropped()),
          policy + ": read, kept, clipped, dropped");
      assertEquals(s.firstProblem(), m.input().firstProblem());
      assertArrayEquals(WorkloadAnswerer.count(w, single.table()).counts(), all(m.answers()));
    }
  }

  @Test
  void aHeaderWithoutADomainColumnFailsBeforeAnyTaskAsOneMachineFails(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("noregion.csv");
    Files.writeString(file, "wage,education,experience,ethnicity,smsa,parttime\n354.94,7,45,cauc,yes,no\n");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> csv(file, InvalidValuePolicy.ERROR, 0));
    assertEquals(singleMachineError(file), e.getMessage());
    assertTrue(e.getMessage().contains("line 1: the header lacks column 'region'"), e.getMessage());
  }

  @Test
  void aMissingInputAndAQuotedLineBreakAreBadInput(@TempDir Path dir) throws IOException {
    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> InputFiles.resolve(dir.resolve("none.csv").toString(), jsc().hadoopConfiguration()));
    assertEquals("input file not found: " + dir.resolve("none.csv"), missing.getMessage());

    Path file = edited(dir, "quoted.csv", java.util.Map.of(5, "354.94,7,45,\"cauc", 6, "\",yes,northeast,no"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> pass(csv(file, InvalidValuePolicy.ERROR, 0), WorkloadSpec.parse("marginals:1", DOMAIN),
            InvalidValuePolicy.ERROR));
    assertTrue(e.getMessage().startsWith(file + " line 5: malformed CSV"), e.getMessage());
  }
}
