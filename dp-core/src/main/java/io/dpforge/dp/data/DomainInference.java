package io.dpforge.dp.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Drafts a domain from a data file, for a person to review.
 *
 * <p><b>Not differentially private.</b> Value lists and min/max bounds read off the data reveal
 * information about individual rows (an outlier's exact wage becomes the published bound). A drafted
 * domain must be reviewed and its bounds replaced by public ones before it is used in a private run.
 * {@link #WARNING} says so wherever the draft is shown.
 */
public final class DomainInference {

  public static final String WARNING = "WARNING: this domain was read off the data and is NOT differentially"
      + " private: value lists and min/max bounds reveal individual rows. Review it and replace the bounds"
      + " with public, a-priori ones before using it in a private run.";

  /** Columns with more distinct non-numeric values than this are left out (identifiers, free text). */
  public static final int MAX_CATEGORIES = 1000;

  /**
   * A drafted domain, with notes about columns that were left out or need a person's decision.
   *
   * @param domain the drafted domain
   * @param notes things the reviewer must look at
   * @param rows data rows read
   */
  public record Draft(Domain domain, List<String> notes, long rows) {
    public Draft {
      notes = List.copyOf(notes);
    }
  }

  private DomainInference() {}

  public static Draft infer(Path file, char delimiter) {
    try (CSVParser parser = CsvInput.open(file, delimiter)) {
      String[] header = CsvInput.header(parser, file, delimiter);
      ColumnStats[] stats = new ColumnStats[header.length];
      for (int i = 0; i < header.length; i++) {
        stats[i] = new ColumnStats(header[i]);
      }
      long rows = 0;
      for (CSVRecord record : parser) {
        rows++;
        if (record.size() != header.length) {
          throw new InvalidInputException(file + " line " + parser.getCurrentLineNumber() + ": expected "
              + header.length + " fields (as in the header), found " + record.size());
        }
        for (int i = 0; i < header.length; i++) {
          stats[i].add(record.get(i));
        }
      }
      if (rows == 0) {
        throw new InvalidInputException(file + ": no data rows after the header; cannot draft a domain");
      }
      List<Column> columns = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      for (ColumnStats s : stats) {
        s.toColumn(notes).ifPresent(columns::add);
      }
      return new Draft(new Domain(columns), notes, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class ColumnStats {
    private final String name;
    private boolean numeric = true;
    private boolean integer = true;
    private boolean empty;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final TreeSet<String> labels = new TreeSet<>();
    private boolean tooMany;

    ColumnStats(String name) {
      this.name = name;
    }

    void add(String raw) {
      if (raw.isEmpty()) {
        empty = true;
        return;
      }
      if (!tooMany) {
        labels.add(raw);
        tooMany = labels.size() > MAX_CATEGORIES;
      }
      if (numeric) {
        double v = NumberText.parse(raw);
        if (Double.isNaN(v)) {
          numeric = false;
        } else {
          min = Math.min(min, v);
          max = Math.max(max, v);
          integer &= v == Math.rint(v);
        }
      }
    }

    java.util.Optional<Column> toColumn(List<String> notes) {
      if (empty) {
        notes.add("column '" + name + "' has empty values; rows holding them will be rejected unless"
            + " --on-invalid drop is used");
      }
      if (numeric && min <= max) {
        double hi = max > min ? max : min + 1;
        notes.add("column '" + name + "': numeric bounds [" + NumberText.format(min, integer) + ", "
            + NumberText.format(hi, integer) + "] are the observed min/max; replace them with public bounds");
        return java.util.Optional.of(NumericColumn.withBins(name, min, hi, integer, NumericColumn.DEFAULT_BINS));
      }
      if (tooMany) {
        notes.add("column '" + name + "' left out: more than " + MAX_CATEGORIES
            + " distinct values (an identifier or free text?)");
        return java.util.Optional.empty();
      }
      if (labels.isEmpty()) {
        notes.add("column '" + name + "' left out: it has no values");
        return java.util.Optional.empty();
      }
      notes.add("column '" + name + "': categorical with " + labels.size()
          + " values in alphabetical order; make it ordinal (and order the values) if they are ordered");
      return java.util.Optional.of(DiscreteColumn.categorical(name, new ArrayList<>(labels)));
    }
  }
}
