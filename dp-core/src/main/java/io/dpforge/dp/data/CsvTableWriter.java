package io.dpforge.dp.data;

import io.dpforge.dp.io.AtomicFiles;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an {@link EncodedTable} as CSV with a header row (gzip when the name ends in {@code .gz}).
 * The file is written under a temporary name and moved into place, so a failed write leaves no
 * partial output and never clobbers an existing file with half a table.
 */
public final class CsvTableWriter {
  private CsvTableWriter() {}

  public static void write(EncodedTable table, Path target) {
    boolean gzip = target.getFileName().toString().endsWith(".gz");
    AtomicFiles.write(target, out -> {
      OutputStream sink = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
      Writer w = new OutputStreamWriter(sink, StandardCharsets.UTF_8);
      CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
      try (CSVPrinter printer = new CSVPrinter(w, format)) {
        printer.printRecord(table.domain().names());
        int k = table.domain().size();
        String[] cells = new String[k];
        for (int r = 0; r < table.rows(); r++) {
          for (int c = 0; c < k; c++) {
            cells[c] = table.label(r, c);
          }
          printer.printRecord((Object[]) cells);
        }
      }
    });
  }
}
