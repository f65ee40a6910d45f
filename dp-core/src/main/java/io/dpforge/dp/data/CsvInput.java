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
      return CSVParser.parse(reader, format(delimiter));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("input file not found: " + file);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The dialect every dpforge CSV reader uses: RFC 4180 with the given delimiter, empty lines skipped. */
  static CSVFormat format(char delimiter) {
    return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
  }

  /** Reads the header row, failing clearly on an empty file or a header in another delimiter. */
  static String[] header(CSVParser parser, Path file, char delimiter) {
    var it = parser.iterator();
    if (!it.hasNext()) {
      throw new InvalidInputException(file + ": file is empty, expected a header row naming the columns");
    }
    return RowEncoder.headerNames(it.next().values(), file.toString(), delimiter);
  }

  static String show(char c) {
    return c == '\t' ? "'\\t'" : "'" + c + "'";
  }
}
