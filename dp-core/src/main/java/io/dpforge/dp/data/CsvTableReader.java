package io.dpforge.dp.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV file (header row; plain or gzip) against a {@link Domain}, one encoded row at a time,
 * so a file of any size can be validated without holding it in memory. Columns are matched by header
 * name; header columns that are not in the domain are ignored (and reported).
 *
 * <p>Every invalid value is reported with file, line, column and the expected domain; what happens
 * next is the {@link InvalidValuePolicy}.
 */
public final class CsvTableReader {
  private final Domain domain;
  private final char delimiter;
  private final InvalidValuePolicy policy;

  private CsvTableReader(Builder b) {
    this.domain = b.domain;
    this.delimiter = b.delimiter;
    this.policy = b.policy;
  }

  public static Builder builder(Domain domain) {
    return new Builder(domain);
  }

  /**
   * The CSV dialect of this reader (RFC 4180, the given delimiter, empty lines skipped), for readers
   * that parse the same files in parts.
   */
  public static org.apache.commons.csv.CSVFormat format(char delimiter) {
    return CsvInput.format(delimiter);
  }

  /** Reads the whole file into an {@link EncodedTable}. */
  public Result readTable(Path file) {
    EncodedTable.Builder table = EncodedTable.builder(domain);
    ReadSummary summary = stream(file, table::add);
    return new Result(table.build(), summary);
  }

  /** A table and what reading it did. */
  public record Result(EncodedTable table, ReadSummary summary) {}

  /**
   * Streams the file: {@code sink} receives every kept row (the same {@link EncodedRow} instance,
   * refilled for each row).
   */
  public ReadSummary stream(Path file, Consumer<EncodedRow> sink) {
    try (CSVParser parser = CsvInput.open(file, delimiter)) {
      String[] header = CsvInput.header(parser, file, delimiter);
      RowEncoder encoder = RowEncoder.forHeader(domain, header, file.toString(), delimiter, policy);
      EncodedRow row = new EncodedRow(domain.size());
      long read = 0;
      long kept = 0;
      long clipped = 0;
      long dropped = 0;
      String firstProblem = "";
      for (CSVRecord record : parser) {
        read++;
        String[] fields = record.values();
        RowEncoder.Outcome outcome = encoder.encode(fields, row);
        if (outcome == RowEncoder.Outcome.VALID) {
          kept++;
          sink.accept(row);
          continue;
        }
        String problem = encoder.problemAt(file + " line " + parser.getCurrentLineNumber(), fields);
        if (outcome == RowEncoder.Outcome.REJECTED) {
          throw new InvalidInputException(problem);
        }
        if (firstProblem.isEmpty()) {
          firstProblem = problem;
        }
        if (outcome == RowEncoder.Outcome.DROPPED) {
          dropped++;
        } else {
          clipped++;
          kept++;
          sink.accept(row);
        }
      }
      return new ReadSummary(read, kept, clipped, dropped, encoder.ignoredColumns(), firstProblem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (UncheckedIOException e) {
      throw new InvalidInputException(file + ": malformed CSV: " + rootMessage(e), e);
    } catch (IllegalStateException e) {
      // commons-csv reports unterminated quotes and similar structure errors this way.
      throw new InvalidInputException(file + ": malformed CSV: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** Options for a reader. */
  public static final class Builder {
    private final Domain domain;
    private char delimiter = ',';
    private InvalidValuePolicy policy = InvalidValuePolicy.ERROR;

    private Builder(Domain domain) {
      this.domain = domain;
    }

    public Builder delimiter(char delimiter) {
      this.delimiter = delimiter;
      return this;
    }

    public Builder onInvalid(InvalidValuePolicy policy) {
      this.policy = policy;
      return this;
    }

    public CsvTableReader build() {
      return new CsvTableReader(this);
    }
  }
}
