package io.dpforge.spark.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.CsvTableWriter;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.dp.random.Randomness;
import io.dpforge.synth.Mode;
import io.dpforge.synth.PrivacyBudget;
import io.dpforge.synth.SynthesisResult;
import io.dpforge.synth.Synthesizer;
import io.dpforge.synth.ga.GaConfig;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadAnswerer;
import io.dpforge.synth.query.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs of the job on the bundled sample: the same result as the engine, and the outputs. */
class SynthJobTest {
  private static final PrivacyBudget BUDGET = PrivacyBudget.of(1, 1e-9);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SynthJob.Builder job(Path out) {
    return SynthJob.builder().input(Samples.CSV.toString()).domain(Samples.DOMAIN).budget(BUDGET)
        .workload("marginals:2").syntheticRows(500).output(out);
  }

  /** The engine on one machine, with the job's seeds. */
  private static SynthesisResult engine(Mode mode, int rounds, long seed) {
    return Synthesizer.builder().mode(mode).rounds(rounds).syntheticRows(500)
        .geneticAlgorithm(GaConfig.defaults().withSeed(seed)).noise(Randomness.seededNotPrivate(seed)).build()
        .fit(Samples.table(), Samples.DOMAIN, WorkloadSpec.parse("marginals:2", Samples.DOMAIN), BUDGET);
  }

  private static String csv(EncodedTable table, Path file) throws IOException {
    CsvTableWriter.write(table, file);
    return Files.readString(file);
  }

  @Test
  void aSeededRunWritesWhatTheEngineMakesAndSaysNotPrivateEverywhere(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("synthetic.csv");
    Path report = dir.resolve("report.html");
    SynthJobResult r = job(out).report(report).seed(7).insecureSeededNoise(true).minPartitions(3).build()
        .run(TestSpark.session());

    assertEquals(csv(engine(Mode.ONE_SHOT, 1, 7).synthetic(), dir.resolve("engine.csv")), Files.readString(out),
        "the job and the engine make the same table from the same seeds");
    EncodedTable back = CsvTableReader.builder(Samples.DOMAIN).build().readTable(out).table();
    assertEquals(500, back.rows());
    assertEquals(String.join(",", Samples.DOMAIN.names()), Files.readAllLines(out).get(0));

    JsonNode sidecar = JSON.readTree(dir.resolve("synthetic.csv.privacy.json").toFile());
    assertFalse(sidecar.get("private").asBoolean());
    assertTrue(sidecar.get("privacy").asText().startsWith("NOT PRIVATE"));
    assertEquals(7, sidecar.get("seed").get("noise").asLong());
    assertEquals("marginals:2", sidecar.get("workload").get("spec").asText());
    assertEquals("add-remove", sidecar.get("guarantee").get("neighbours").asText());
    assertEquals(Samples.DOMAIN.names().size(), sidecar.get("domain").get("columns").size());
    JsonNode entries = sidecar.get("ledger").get("entries");
    assertEquals(1 + 21, entries.size(), "the row count and 21 two-way marginals");
    double total = 0;
    for (JsonNode e : entries) {
      total += e.get("rho").asDouble();
      assertFalse(e.get("private").asBoolean());
      assertTrue(e.get("randomness").asText().contains("NOT PRIVATE"));
    }
    assertEquals(BUDGET.rho(), total, 1e-12 * BUDGET.rho(), "the ledger adds up to the budget");
    assertEquals(BUDGET.rho(), sidecar.get("ledger").get("spent_rho").asDouble(), 1e-12 * BUDGET.rho());

    String html = Files.readString(report);
    assertTrue(html.contains("class=\"not-private\">NOT PRIVATE"));
    assertEquals(7 + 12, html.split("<svg").length - 1, "7 one-way and 12 two-way charts");
    assertFalse(html.contains("<script") || html.contains("src=") || html.contains("<link"), "self-contained");
    assertEquals(List.of(report.toAbsolutePath(), out.toAbsolutePath()).size() + 1, r.written().size());
    assertEquals(28_155, r.input().rowsKept());
  }

  @Test
  void adaptiveScoresOnTheClusterSelectWhatTheEngineSelects(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("adaptive.csv");
    SynthJobResult r = job(out).mode(Mode.ADAPTIVE).rounds(3).seed(11).insecureSeededNoise(true).build()
        .run(TestSpark.session());
    SynthesisResult expected = engine(Mode.ADAPTIVE, 3, 11);
    assertEquals(expected.report().measuredSets(), r.synthesis().report().measuredSets());
    assertEquals(csv(expected.synthetic(), dir.resolve("engine.csv")), Files.readString(out));
    assertEquals(BUDGET.rho(), r.synthesis().report().rhoSpent(), 1e-12 * BUDGET.rho());
  }

  @Test
  void aPrivateParquetRunReadsBackAsTheSyntheticTable(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("synthetic.parquet");
    SynthJobResult r = job(out).outputFormat(OutputFormat.PARQUET).build().run(TestSpark.session());
    assertTrue(r.isPrivate());
    JsonNode sidecar = JSON.readTree(dir.resolve("synthetic.parquet.privacy.json").toFile());
    assertTrue(sidecar.get("private").asBoolean());
    assertTrue(sidecar.get("privacy").asText().startsWith("PRIVATE: (epsilon = 1, delta = 1e-9)"));
    assertTrue(sidecar.get("seed").get("noise").isNull());

    Dataset<Row> back = TestSpark.session().read().parquet(out.toString());
    assertEquals(Samples.DOMAIN.names(), List.of(back.columns()));
    assertEquals(500, back.count());
    // Read back through the job's own Parquet input: the synthetic table's answers, exactly.
    Workload w = WorkloadSpec.parse("marginals:2", Samples.DOMAIN);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
    TableSource source = ParquetSource.open(TestSpark.session(),
        InputFiles.resolve(out.toString(), jsc.hadoopConfiguration()), Samples.DOMAIN, InvalidValuePolicy.ERROR);
    var m = MeasurementPass.toDriver(jsc, source, w, InvalidValuePolicy.ERROR);
    long[] counts = new long[w.answers()];
    for (int s = 0; s < w.sets(); s++) {
      System.arraycopy(m.answers().counts(s), 0, counts, w.offset(s), w.set(s).size());
    }
    assertArrayEquals(WorkloadAnswerer.count(w, r.synthesis().synthetic()).counts(), counts);

    InvalidInputException again = assertThrows(InvalidInputException.class,
        () -> job(out).outputFormat(OutputFormat.PARQUET).build());
    assertTrue(again.getMessage().contains("already exists"), again.getMessage());
  }

  @Test
  void anUnwritableOutputFailsBeforeAnythingIsRead(@TempDir Path dir) throws IOException {
    Path blocker = Files.writeString(dir.resolve("a-file"), "x");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> job(blocker.resolve("sub").resolve("synthetic.csv")).build());
    assertTrue(e.getMessage().startsWith("cannot write output " + blocker.resolve("sub")), e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(blocker), files.toList());
    }
  }

  @Test
  void aRunThatFailsLeavesNoFileBehind(@TempDir Path dir) throws IOException {
    List<String> lines = Files.readAllLines(Samples.CSV);
    lines.set(100, "354.94,7,45,cauc,yes,east,no");
    Path input = Files.write(dir.resolve("in.csv"), lines);
    Path outDir = Files.createDirectory(dir.resolve("out"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SynthJob.builder().input(input.toString()).domain(Samples.DOMAIN).budget(BUDGET)
            .output(outDir.resolve("synthetic.csv")).report(outDir.resolve("report.html")).build()
            .run(TestSpark.session()));
    assertTrue(e.getMessage().startsWith(input + " line 101, column 'region'"), e.getMessage());
    try (Stream<Path> files = Files.list(outDir)) {
      assertEquals(List.of(), files.toList(), "no output and no temporary file");
    }
  }
}
