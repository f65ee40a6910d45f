package io.dpforge.dp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

  private static final Domain DOMAIN = new Domain(List.of(
      DiscreteColumn.categorical("region", List.of("north", "south")),
      NumericColumn.withBins("age", 18, 90, true, 8),
      NumericColumn.withBins("wage", 0, 1000, false, 10),
      DiscreteColumn.ordinal("educ", List.of("low", "mid", "high"))));

  @TempDir
  Path dir;

  private Path csv(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static CsvTableReader reader(InvalidValuePolicy policy) {
    return CsvTableReader.builder(DOMAIN).onInvalid(policy).build();
  }

  private void assertError(String content, String expectedSuffix) throws IOException {
    Path f = csv("bad.csv", content);
    var e = assertThrows(InvalidInputException.class, () -> reader(InvalidValuePolicy.ERROR).readTable(f));
    assertEquals(f + expectedSuffix, e.getMessage());
  }

  @Test
  void readsColumnsByHeaderNameAndIgnoresExtras() throws IOException {
    Path f = csv("t.csv", "id,educ,wage,age,region\n1,mid,12.5,30,south\n2,low,0,18,north\n");
    var result = reader(InvalidValuePolicy.ERROR).readTable(f);
    EncodedTable t = result.table();
    assertEquals(2, t.rows());
    assertEquals(1, t.code(0, 0));
    assertEquals(30.0, t.number(0, 1));
    assertEquals(12.5, t.number(0, 2));
    assertEquals(1, t.code(0, 3));
    assertEquals(0, t.code(1, 3));
    assertEquals(List.of("id"), result.summary().ignoredColumns());
  }

  @Test
  void roundTripsThroughTheWriterPlainAndGzip() throws IOException {
    Path f = csv("t.csv", "region,age,wage,educ\nsouth,30,12.5,mid\nnorth,90,1000,high\nnorth,18,0.1,low\n");
    EncodedTable t = reader(InvalidValuePolicy.ERROR).readTable(f).table();
    for (String name : List.of("out.csv", "out.csv.gz")) {
      Path out = dir.resolve(name);
      CsvTableWriter.write(t, out);
      EncodedTable back = reader(InvalidValuePolicy.ERROR).readTable(out).table();
      assertEquals(t.rows(), back.rows());
      for (int r = 0; r < t.rows(); r++) {
        for (int c = 0; c < DOMAIN.size(); c++) {
          assertEquals(t.label(r, c), back.label(r, c));
        }
      }
    }
    assertEquals("region,age,wage,educ\nsouth,30,12.5,mid\nnorth,90,1000,high\nnorth,18,0.1,low\n",
        Files.readString(dir.resolve("out.csv")));
  }

  @Test
  void writerQuotesValuesHoldingTheDelimiter() throws IOException {
    Domain d = new Domain(List.of(DiscreteColumn.categorical("c", List.of("a,b", "say \"hi\""))));
    Path f = csv("q.csv", "c\n\"a,b\"\n\"say \"\"hi\"\"\"\n");
    EncodedTable t = CsvTableReader.builder(d).build().readTable(f).table();
    assertEquals(List.of(0, 1), List.of(t.code(0, 0), t.code(1, 0)));
    Path out = dir.resolve("q-out.csv");
    CsvTableWriter.write(t, out);
    assertEquals("c\n\"a,b\"\n\"say \"\"hi\"\"\"\n", Files.readString(out));
  }

  @Test
  void readsGzipDetectedFromContent() throws IOException {
    Path f = dir.resolve("data.bin");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write("region,age,wage,educ\nsouth,30,12.5,mid\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(1, reader(InvalidValuePolicy.ERROR).readTable(f).table().rows());
  }

  @Test
  void missingColumn() throws IOException {
    assertError("region,age,educ\nsouth,30,mid\n",
        " line 1: the header lacks column 'wage' required by the domain (header has: region, age, educ)");
  }

  @Test
  void valueOutsideDomain() throws IOException {
    assertError("region,age,wage,educ\nsouth,30,1,mid\neast,30,1,mid\n",
        " line 3, column 'region': value 'east' is not in the domain (expected one of: north, south)"
            + " (use --on-invalid clip|drop to skip such rows)");
    assertError("region,age,wage,educ\nsouth,95,1,mid\n",
        " line 2, column 'age': value '95' is outside the domain (expected an integer in [18, 90])"
            + " (use --on-invalid clip|drop to skip such rows)");
  }

  @Test
  void malformedNumber() throws IOException {
    assertError("region,age,wage,educ\nsouth,30,12.5.1,mid\n",
        " line 2, column 'wage': '12.5.1' is not a number (expected a number in [0, 1000])"
            + " (use --on-invalid clip|drop to skip such rows)");
    assertError("region,age,wage,educ\nsouth,30,NaN,mid\n",
        " line 2, column 'wage': 'NaN' is not a number (expected a number in [0, 1000])"
            + " (use --on-invalid clip|drop to skip such rows)");
    assertError("region,age,wage,educ\nsouth,30,,mid\n",
        " line 2, column 'wage': empty value (expected a number in [0, 1000])"
            + " (use --on-invalid clip|drop to skip such rows)");
  }

  @Test
  void emptyFile() throws IOException {
    assertError("", ": file is empty, expected a header row naming the columns");
  }

  @Test
  void wrongDelimiter() throws IOException {
    assertError("region;age;wage;educ\nsouth;30;1;mid\n",
        " line 1: the header has one field and looks ';'-delimited, but the delimiter is ',' (use --delimiter ';')");
    Path f = csv("semi.csv", "region;age;wage;educ\nsouth;30;1;mid\n");
    var t = CsvTableReader.builder(DOMAIN).delimiter(';').build().readTable(f).table();
    assertEquals(1, t.rows());
  }

  @Test
  void wrongFieldCount() throws IOException {
    assertError("region,age,wage,educ\nsouth,30,1,mid\nsouth,30\n",
        " line 3: expected 4 fields (as in the header), found 2");
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("absent.csv");
    var e = assertThrows(InvalidInputException.class, () -> reader(InvalidValuePolicy.ERROR).readTable(f));
    assertEquals("input file not found: " + f, e.getMessage());
  }

  @Test
  void clipClampsNumbersAndDropsWhatCannotBeClipped() throws IOException {
    Path f = csv("c.csv", "region,age,wage,educ\n"
        + "south,30,12.5,mid\n"    // valid
        + "south,95,-3,mid\n"      // age and wage clipped
        + "south,30.6,5,mid\n"     // integer column: rounded
        + "east,30,1,mid\n"        // unknown category: dropped
        + "north,30,abc,low\n");   // malformed: dropped
    var r = reader(InvalidValuePolicy.CLIP).readTable(f);
    assertEquals(5, r.summary().rowsRead());
    assertEquals(3, r.summary().rowsKept());
    assertEquals(2, r.summary().rowsClipped());
    assertEquals(2, r.summary().rowsDropped());
    assertEquals(90.0, r.table().number(1, 1));
    assertEquals(0.0, r.table().number(1, 2));
    assertEquals(31.0, r.table().number(2, 1));
    assertTrue(r.summary().firstProblem().endsWith("line 3, column 'age': value '95' is outside the domain"
        + " (expected an integer in [18, 90])"), r.summary().firstProblem());
  }

  @Test
  void dropDropsEveryInvalidRow() throws IOException {
    Path f = csv("d.csv", "region,age,wage,educ\nsouth,30,12.5,mid\nsouth,95,1,mid\neast,30,1,mid\n");
    var r = reader(InvalidValuePolicy.DROP).readTable(f);
    assertEquals(1, r.summary().rowsKept());
    assertEquals(2, r.summary().rowsDropped());
    assertEquals(0, r.summary().rowsClipped());
  }

  @Test
  void streamingReadsTheBundledSample() {
    Domain d = Domain.read(Path.of("..", "samples", "cps1988", "domain.json"));
    long[] kept = {0};
    ReadSummary s = CsvTableReader.builder(d).build()
        .stream(Path.of("..", "samples", "cps1988", "cps1988.csv"), row -> kept[0]++);
    assertEquals(28_155, s.rowsRead());
    assertEquals(28_155, kept[0]);
    assertEquals(0, s.rowsDropped());
  }

  @Test
  void failedWriteLeavesNoFileBehind() throws IOException {
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    EncodedTable t = EncodedTable.builder(DOMAIN).build();
    Path target = blocker.resolve("out.csv");
    assertThrows(java.io.UncheckedIOException.class, () -> CsvTableWriter.write(t, target));
    assertFalse(Files.exists(target));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(blocker), files.toList());
    }
  }

  @Test
  void atomicWritesGetDefaultPermissionsAndSecretsOwnerOnly() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
    Path plain = dir.resolve("plain.txt");
    Path secret = dir.resolve("secret.key");
    Path fresh = Files.createFile(dir.resolve("fresh.txt"));
    io.dpforge.dp.io.AtomicFiles.writeString(plain, "x");
    io.dpforge.dp.io.AtomicFiles.writeOwnerOnly(secret, out -> out.write(1));
    assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(plain));
    assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(secret));
  }

  @Test
  void inferenceDraftsADomainAndWarns() throws IOException {
    Path f = csv("i.csv", "a,b,c\nx,1,2.5\ny,3,-1\nx,2,0\n");
    DomainInference.Draft draft = DomainInference.infer(f, ',');
    assertEquals(3, draft.rows());
    DiscreteColumn a = (DiscreteColumn) draft.domain().column("a");
    assertEquals(List.of("x", "y"), a.values());
    NumericColumn b = (NumericColumn) draft.domain().column("b");
    assertTrue(b.integer());
    assertEquals(1.0, b.min());
    assertEquals(3.0, b.max());
    NumericColumn c = (NumericColumn) draft.domain().column("c");
    assertFalse(c.integer());
    assertTrue(DomainInference.WARNING.contains("NOT differentially private"));
    assertTrue(draft.notes().stream().anyMatch(n -> n.contains("observed min/max")));
  }
}
