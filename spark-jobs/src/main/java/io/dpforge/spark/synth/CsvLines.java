package io.dpforge.spark.synth;

import io.dpforge.dp.data.CsvTableReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits one line of a CSV file into fields, in the dialect of dp-core's reader (RFC 4180).
 *
 * <p>Spark hands each task whole lines of its part of a file, so a record must fit on one line: a
 * quoted field holding a line break cannot be read in parts (Spark's own CSV reader has the same limit
 * unless it reads each file whole), and is reported as malformed. A line without a quote character is
 * split at the delimiter directly, which is exactly what RFC 4180 parsing gives for it and several
 * times faster than a parser per line; lines with quotes go through commons-csv.
 */
final class CsvLines implements Serializable {
  private static final long serialVersionUID = 1L;

  private final char delimiter;
  private transient CSVFormat format;

  CsvLines(char delimiter) {
    this.delimiter = delimiter;
  }

  /** A line that is not one well-formed record. */
  static final class MalformedLineException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedLineException(String message) {
      super(message);
    }
  }

  /** The fields of {@code line}, or null for an empty line (skipped, as the dp-core reader does). */
  String[] split(String line) throws MalformedLineException {
    if (line.isEmpty()) {
      return null;
    }
    if (line.indexOf('"') < 0) {
      return splitPlain(line);
    }
    if (format == null) {
      format = CsvTableReader.format(delimiter);
    }
    try (CSVParser parser = CSVParser.parse(line, format)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.isEmpty()) {
        return null;
      }
      return records.get(0).values();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new MalformedLineException(": malformed CSV (" + rootMessage(e) + "); a quoted field cannot hold a"
          + " line break when the file is read in parallel");
    }
  }

  private String[] splitPlain(String line) {
    int fields = 1;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == delimiter) {
        fields++;
      }
    }
    String[] out = new String[fields];
    int start = 0;
    for (int f = 0; f < fields - 1; f++) {
      int end = line.indexOf(delimiter, start);
      out[f] = line.substring(start, end);
      start = end + 1;
    }
    out[fields - 1] = line.substring(start);
    return out;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
