package io.dpforge.synth;

import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.dp.data.DiscreteColumn;
import io.dpforge.dp.data.NumericColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared fixtures: the bundled CPS 1988 sample and a small mixed-type domain. */
public final class TestData {
  private TestData() {}

  public static Path sampleFolder() {
    for (Path p : List.of(Path.of("samples", "cps1988"), Path.of("..", "samples", "cps1988"))) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("bundled sample not found");
  }

  public static Domain cpsDomain() {
    return Domain.read(sampleFolder().resolve("domain.json"));
  }

  public static EncodedTable cps() {
    return CsvTableReader.builder(cpsDomain()).build().readTable(sampleFolder().resolve("cps1988.csv")).table();
  }

  /** Two numeric columns (one integer, one real) and three discrete ones. */
  public static Domain mixedDomain() {
    return new Domain(List.of(
        NumericColumn.withBins("age", 18, 90, true, 8),
        DiscreteColumn.categorical("colour", List.of("red", "green", "blue")),
        NumericColumn.withBins("income", 0, 1000, false, 10),
        DiscreteColumn.ordinal("level", List.of("low", "mid", "high", "top")),
        DiscreteColumn.categorical("flag", List.of("no", "yes"))));
  }
}
