package io.dpforge.dp.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
      int[] position = locateColumns(header, file);
      List<String> ignored = ignoredColumns(header);
      EncodedRow row = new EncodedRow(domain.size());
      long read = 0;
      long kept = 0;
      long clipped = 0;
      long dropped = 0;
      String firstProblem = "";
      for (CSVRecord record : parser) {
        read++;
        long line = parser.getCurrentLineNumber();
        if (record.size() != header.length) {
          String msg = file + " line " + line + ": expected " + header.length + " fields (as in the header), found "
              + record.size();
          if (record.size() == 1 && header.length > 1) {
            msg += "; is the delimiter " + CsvInput.show(delimiter) + " right?";
          }
          throw new InvalidInputException(msg);
        }
        Outcome outcome = Outcome.VALID;
        for (int c = 0; c < position.length && outcome != Outcome.DROP; c++) {
          String raw = record.get(position[c]);
          Outcome o = encode(domain.column(c), c, raw, row);
          if (o != Outcome.VALID) {
            String problem = file + " line " + line + ", column '" + domain.column(c).name() + "': "
                + describe(domain.column(c), raw);
            if (policy == InvalidValuePolicy.ERROR) {
              throw new InvalidInputException(problem + " (use --on-invalid clip|drop to skip such rows)");
            }
            if (firstProblem.isEmpty()) {
              firstProblem = problem;
            }
            outcome = (policy == InvalidValuePolicy.DROP || o == Outcome.DROP) ? Outcome.DROP : Outcome.CLIPPED;
          }
        }
        if (outcome == Outcome.DROP) {
          dropped++;
          continue;
        }
        if (outcome == Outcome.CLIPPED) {
          clipped++;
        }
        kept++;
        sink.accept(row);
      }
      return new ReadSummary(read, kept, clipped, dropped, ignored, firstProblem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (UncheckedIOException e) {
      throw new InvalidInputException(file + ": malformed CSV: " + rootMessage(e), e);
    } catch (IllegalStateException e) {
      // commons-csv reports unterminated quotes and similar structure errors this way.
      throw new InvalidInputException(file + ": malformed CSV: " + rootMessage(e), e);
    }
  }

  private enum Outcome { VALID, CLIPPED, DROP }

  /** Encodes one cell into {@code row}; CLIPPED means a clipped value was stored. */
  private Outcome encode(Column column, int c, String raw, EncodedRow row) {
    if (column instanceof DiscreteColumn d) {
      int code = d.indexOf(raw);
      if (code < 0) {
        return Outcome.DROP;
      }
      row.setCode(c, code);
      return Outcome.VALID;
    }
    NumericColumn n = (NumericColumn) column;
    double v = NumberText.parse(raw);
    if (Double.isNaN(v)) {
      return Outcome.DROP;
    }
    if (n.contains(v)) {
      row.setNumber(c, v);
      return Outcome.VALID;
    }
    row.setNumber(c, n.clip(v));
    return Outcome.CLIPPED;
  }

  private static String describe(Column column, String raw) {
    if (raw.isEmpty()) {
      return "empty value (expected " + column.describeDomain() + ")";
    }
    if (column instanceof NumericColumn n && !Double.isNaN(NumberText.parse(raw))) {
      return "value '" + raw + "' is outside the domain (expected " + n.describeDomain() + ")";
    }
    if (column instanceof NumericColumn n) {
      return "'" + raw + "' is not a number (expected " + n.describeDomain() + ")";
    }
    return "value '" + raw + "' is not in the domain (expected " + column.describeDomain() + ")";
  }

  private int[] locateColumns(String[] header, Path file) {
    int[] pos = new int[domain.size()];
    List<String> missing = new ArrayList<>();
    List<String> names = Arrays.asList(header);
    for (int c = 0; c < domain.size(); c++) {
      String name = domain.column(c).name();
      int first = names.indexOf(name);
      if (first < 0) {
        missing.add(name);
      } else if (names.lastIndexOf(name) != first) {
        throw new InvalidInputException(file + " line 1: column '" + name + "' appears twice in the header");
      }
      pos[c] = first;
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(file + " line 1: the header lacks column" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing.stream().map(m -> "'" + m + "'").toList())
          + " required by the domain (header has: " + String.join(", ", header) + ")");
    }
    return pos;
  }

  private List<String> ignoredColumns(String[] header) {
    List<String> ignored = new ArrayList<>();
    for (String h : header) {
      if (domain.indexOf(h).isEmpty()) {
        ignored.add(h);
      }
    }
    return ignored;
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
