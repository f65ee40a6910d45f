package io.dpforge.dp.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Opens a CSV file (plain or gzip, detected from its first bytes) as a stream of records. */
final class CsvInput {
  private CsvInput() {}

  static CSVParser open(Path file, char delimiter) {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(file + ": is a directory, expected a CSV file");
    }
    try {
      InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      }
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      CSVFormat format = CSVFormat.RFC4180.builder()
          .setDelimiter(delimiter)
          .setIgnoreEmptyLines(true)
          .get();
      return CSVParser.parse(reader, format);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("input file not found: " + file);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads the header row, failing clearly on an empty file or a header in another delimiter. */
  static String[] header(CSVParser parser, Path file, char delimiter) {
    var it = parser.iterator();
    if (!it.hasNext()) {
      throw new InvalidInputException(file + ": file is empty, expected a header row naming the columns");
    }
    CSVRecord r = it.next();
    String[] names = r.values();
    if (names.length > 0 && names[0].startsWith("\uFEFF")) {
      names[0] = names[0].substring(1);
    }
    if (names.length == 1) {
      for (char other : new char[] {',', ';', '\t', '|'}) {
        if (other != delimiter && names[0].indexOf(other) >= 0) {
          throw new InvalidInputException(file + " line 1: the header has one field and looks "
              + show(other) + "-delimited, but the delimiter is " + show(delimiter)
              + " (use --delimiter " + show(other) + ")");
        }
      }
    }
    return names;
  }

  static String show(char c) {
    return c == '\t' ? "'\\t'" : "'" + c + "'";
  }
}
