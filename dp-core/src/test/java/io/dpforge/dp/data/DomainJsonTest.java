package io.dpforge.dp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainJsonTest {

  private static final String SPEC = """
      {"columns": [
        {"name": "region", "type": "categorical", "values": ["northeast", "midwest", "south", "west"]},
        {"name": "educ", "type": "ordinal", "values": ["<12 yrs", "12 yrs", "13-15 yrs"]},
        {"name": "age", "type": "numeric", "min": 18, "max": 89, "integer": true, "bins": 8},
        {"name": "wage", "type": "numeric", "min": 0, "max": 20000, "bins": [0, 500, 1000, 20000]},
        {"name": "score", "type": "numeric", "min": -1.5, "max": 1.5}
      ]}
      """;

  @Test
  void parsesEveryColumnKind() {
    Domain d = DomainJson.parse(SPEC, "spec.json");
    assertEquals(List.of("region", "educ", "age", "wage", "score"), d.names());

    DiscreteColumn region = (DiscreteColumn) d.column("region");
    assertFalse(region.ordered());
    assertEquals(4, region.size());
    assertEquals(2, region.indexOf("south"));
    assertEquals(-1, region.indexOf("nowhere"));

    DiscreteColumn educ = (DiscreteColumn) d.column("educ");
    assertTrue(educ.ordered());
    assertEquals("ordinal", educ.typeName());

    NumericColumn age = (NumericColumn) d.column("age");
    assertTrue(age.integer());
    assertEquals(8, age.bins());
    assertEquals(18.0, age.binEdges()[0]);
    assertEquals(89.0, age.binEdges()[8]);

    NumericColumn wage = (NumericColumn) d.column("wage");
    assertArrayEquals(new double[] {0, 500, 1000, 20000}, wage.binEdges());
    assertEquals(0, wage.binOf(0));
    assertEquals(1, wage.binOf(500));
    assertEquals(2, wage.binOf(20000));

    NumericColumn score = (NumericColumn) d.column("score");
    assertEquals(NumericColumn.DEFAULT_BINS, score.bins());
    assertFalse(score.integer());
  }

  @Test
  void integerColumnsNeverGetMoreBinsThanValues() {
    NumericColumn small = NumericColumn.withBins("kids", 0, 3, true, 16);
    assertEquals(4, small.bins());
  }

  @Test
  void roundTripsThroughJson(@TempDir Path dir) {
    Domain d = DomainJson.parse(SPEC, "spec.json");
    Path file = dir.resolve("domain.json");
    d.write(file);
    assertEquals(d, Domain.read(file));
  }

  @Test
  void malformedJsonNamesFileAndLine() {
    var e = assertThrows(InvalidInputException.class,
        () -> DomainJson.parse("{\"columns\": [\n  {\"name\": \"a\",, }\n]}", "d.json"));
    assertTrue(e.getMessage().startsWith("d.json line 2, column"), e.getMessage());
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
  }

  @Test
  void badFieldsAreNamedWithTheirColumn() {
    assertMessage("d.json: columns[0] ('x'): unknown type 'text' (expected categorical, ordinal or numeric)",
        "{\"columns\":[{\"name\":\"x\",\"type\":\"text\"}]}");
    assertMessage("d.json: columns[0] ('x'): field 'max' must be a number (public bound)",
        "{\"columns\":[{\"name\":\"x\",\"type\":\"numeric\",\"min\":0}]}");
    assertMessage("d.json: columns[1]: field 'name' must be a non-empty string",
        "{\"columns\":[{\"name\":\"x\",\"type\":\"categorical\",\"values\":[\"a\"]},{\"type\":\"numeric\"}]}");
    assertMessage("d.json: columns[0] ('x'): field 'values' must be a non-empty list of strings",
        "{\"columns\":[{\"name\":\"x\",\"type\":\"categorical\",\"values\":[]}]}");
    assertMessage("d.json: columns[0]: column 'x': value 'a' is listed twice",
        "{\"columns\":[{\"name\":\"x\",\"type\":\"categorical\",\"values\":[\"a\",\"a\"]}]}");
    assertMessage("d.json: columns[0]: column 'x': need finite 'min' < 'max', got min=5.0, max=5.0",
        "{\"columns\":[{\"name\":\"x\",\"type\":\"numeric\",\"min\":5,\"max\":5}]}");
    assertMessage("d.json: columns[0]: column 'x': bin edges must start at min=0.0 and end at max=10.0,"
        + " got [0.0, 5.0]", "{\"columns\":[{\"name\":\"x\",\"type\":\"numeric\",\"min\":0,\"max\":10,\"bins\":[0,5]}]}");
    assertMessage("d.json: column 'x' appears twice in the domain",
        "{\"columns\":[{\"name\":\"x\",\"type\":\"categorical\",\"values\":[\"a\"]},"
            + "{\"name\":\"x\",\"type\":\"categorical\",\"values\":[\"b\"]}]}");
    assertMessage("d.json: expected an object with a 'columns' array", "[1, 2]");
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.json");
    var e = assertThrows(InvalidInputException.class, () -> Domain.read(missing));
    assertEquals("domain file not found: " + missing, e.getMessage());
  }

  @Test
  void bundledSampleDomainMatchesItsData() throws Exception {
    Path sample = Path.of("..", "samples", "cps1988");
    Domain d = Domain.read(sample.resolve("domain.json"));
    assertEquals(7, d.size());
    assertTrue(Files.size(sample.resolve("cps1988.csv")) > 800_000);
  }

  private static void assertMessage(String expected, String json) {
    var e = assertThrows(InvalidInputException.class, () -> DomainJson.parse(json, "d.json"));
    assertEquals(expected, e.getMessage());
  }
}
