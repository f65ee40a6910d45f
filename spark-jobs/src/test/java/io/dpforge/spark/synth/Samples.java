package io.dpforge.spark.synth;

import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedTable;
import java.nio.file.Path;

/** The bundled CPS 1988 sample, read by the single-machine reader for comparisons. */
final class Samples {
  static final Path CSV = Path.of("..", "samples", "cps1988", "cps1988.csv");
  static final Path DOMAIN_FILE = Path.of("..", "samples", "cps1988", "domain.json");
  static final Domain DOMAIN = Domain.read(DOMAIN_FILE);

  private static EncodedTable table;

  private Samples() {}

  static synchronized EncodedTable table() {
    if (table == null) {
      table = CsvTableReader.builder(DOMAIN).build().readTable(CSV).table();
    }
    return table;
  }
}
