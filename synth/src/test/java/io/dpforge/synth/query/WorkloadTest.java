package io.dpforge.synth.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.data.EncodedTable;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.synth.TestData;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {
  private static final java.util.Map<EncodedTable, DomainLayout> LAYOUTS = new java.util.IdentityHashMap<>();

  @Test
  void specTermsExpandToTheExpectedSets() {
    var domain = TestData.cpsDomain();
    assertEquals(21, WorkloadSpec.parse("marginals:2", domain).sets());
    assertEquals(35, WorkloadSpec.parse("marginals:3", domain).sets());
    // 2-column sets holding a numeric column: 21 - C(4,2) = 15; each at the bins grouped by 1, 2 and 4.
    Workload range = WorkloadSpec.parse("range:2", domain);
    assertEquals(45, range.sets());
    // marginals:2 and the level-0 range sets coincide and are counted once.
    assertEquals(21 + 30, WorkloadSpec.parse("marginals:2+range:2", domain).sets());
    assertEquals(100, WorkloadSpec.parse("prefix:2", domain).sets());
    assertEquals(7, WorkloadSpec.parse("halfspace:7", domain).sets());
  }

  @Test
  void negativeZeroFallsInTheBinOfZero() {
    DomainLayout layout = DomainLayout.of(TestData.cpsDomain());
    int experience = layout.indexOf("experience"); // [-10, 70] in 8 bins: 0 starts the second bin
    assertEquals(1, layout.binOf(experience, 0.0));
    assertEquals(1, layout.binOf(experience, -0.0));
    assertEquals(0, layout.binOf(experience, -0.5));
  }

  @Test
  void marginalCountsMatchAHandCount() {
    EncodedTable table = TestData.cps();
    var domain = TestData.cpsDomain();
    Workload w = WorkloadSpec.parse("marginals:1", domain);
    WorkloadCounts counts = WorkloadAnswerer.count(w, table);
    int region = domain.indexOf("region").orElseThrow();
    long[] expected = new long[4];
    for (int r = 0; r < table.rows(); r++) {
      expected[table.code(r, region)]++;
    }
    assertArrayEquals(expected, counts.counts(region));
    assertEquals(28155, counts.rows());
    // wage bins: edges 0,100,...; a wage of exactly 100 is in bin 1.
    int wage = domain.indexOf("wage").orElseThrow();
    long below100 = 0;
    for (int r = 0; r < table.rows(); r++) {
      below100 += table.number(r, wage) < 100 ? 1 : 0;
    }
    assertEquals(below100, counts.counts(wage)[0]);
  }

  @Test
  void answerersOverPartsMergeIntoTheAnswersOfTheWhole() throws Exception {
    EncodedTable table = TestData.cps();
    Workload w = WorkloadSpec.parse("marginals:2+prefix:2:10+halfspace:10", TestData.cpsDomain());
    WorkloadCounts whole = WorkloadAnswerer.count(w, table);
    WorkloadAnswerer left = new WorkloadAnswerer(w);
    WorkloadAnswerer right = new WorkloadAnswerer(w);
    for (int r = 0; r < table.rows(); r++) {
      (r % 3 == 0 ? left : right).add(new TableRow(table, r));
    }
    WorkloadCounts merged = left.merge(right).result();
    assertArrayEquals(whole.counts(), merged.counts());
    assertEquals(whole.rows(), merged.rows());
    // Serialisable, for shipping to executors.
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(left);
    }
  }

  @Test
  void prefixAndHalfspaceCellsFollowTheirDefinitions() {
    var domain = TestData.mixedDomain();
    DomainLayout layout = DomainLayout.of(domain);
    PrefixQueries p = new PrefixQueries(layout, 1, new int[] {0, 2}, new double[] {30, 500});
    assertEquals(3, p.size());
    assertEquals(2, p.cell(row(25, 2, 499.5, 0, 0)));
    assertEquals(-1, p.cell(row(30, 2, 10, 0, 0)));
    double[][] w = new double[5][];
    w[2] = new double[] {1.0};
    w[3] = new double[] {0, 0, 0, 1.0};
    HalfspaceQueries h = new HalfspaceQueries(layout, 4, w, 0.9, "t");
    assertEquals(1, h.cell(row(20, 0, 950, 0, 1)));
    assertEquals(-1, h.cell(row(20, 0, 850, 0, 1)));
    assertEquals(0, h.cell(row(20, 0, 0, 3, 0)), "one-hot weight of 'top' crosses the offset");
  }

  @Test
  void badSpecsNameTheProblem(@TempDir Path dir) throws Exception {
    var domain = TestData.cpsDomain();
    var e = assertThrows(InvalidInputException.class, () -> WorkloadSpec.parse("marginal:2", domain));
    assertTrue(e.getMessage().contains("bad term 'marginal:2'"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> WorkloadSpec.parse("marginals:9", domain));
    Path json = dir.resolve("w.json");
    Files.writeString(json, "{\"query_sets\": [{\"type\": \"marginal\", \"columns\": [\"region\", \"nope\"]}]}");
    e = assertThrows(InvalidInputException.class, () -> WorkloadSpec.parse(json.toString(), domain));
    assertTrue(e.getMessage().contains("query_sets[0]") && e.getMessage().contains("no column 'nope'"),
        e.getMessage());
    Files.writeString(json, "{\"seed\": 3, \"query_sets\": [{\"type\": \"spec\", \"spec\": \"marginals:1\"},"
        + " {\"type\": \"marginal\", \"columns\": [\"wage\", \"region\"], \"levels\": {\"wage\": 2}},"
        + " {\"type\": \"prefix\", \"categorical\": \"region\", \"thresholds\": {\"wage\": 500}}]}");
    Workload w = WorkloadSpec.parse(json.toString(), domain);
    assertEquals(9, w.sets());
    assertEquals("range(wage/4,region)", w.set(7).name());
    assertEquals(4 * 4, w.set(7).size());
  }

  private static RowView row(double age, int colour, double income, int level, int flag) {
    int[] codes = {0, colour, 0, level, flag};
    double[] values = {age, 0, income, 0, 0};
    return new RowView() {
      @Override
      public int code(int column) {
        return codes[column];
      }

      @Override
      public double value(int column) {
        return values[column];
      }
    };
  }

  /** A row of an encoded table as a row view. */
  private record TableRow(EncodedTable table, DomainLayout layout, int r) implements RowView {
    TableRow(EncodedTable table, int r) {
      this(table, LAYOUTS.computeIfAbsent(table, t -> DomainLayout.of(t.domain())), r);
    }

    @Override
    public int code(int column) {
      return layout.isDiscrete(column) ? table.code(r, column) : layout.binOf(column, table.number(r, column));
    }

    @Override
    public double value(int column) {
      return table.number(r, column);
    }
  }
}
