package io.dpforge.dp.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Validates one row of text fields against a {@link Domain} and encodes it: the one place that decides
 * what is a valid value and words the problem, shared by {@link CsvTableReader} (a file streamed on one
 * machine) and distributed readers (a file read in parts on a cluster), so both report the same problem
 * in the same words. The caller says where the row is ({@link #problemAt}); this class says what is
 * wrong with it.
 *
 * <p>Immutable, hence thread-safe, and serialisable, so that a distributed job can share one among the
 * tasks of a worker. {@link #encode} only decides; the words for a problem are built on request
 * ({@link #problemAt}), for the few rows that have one.
 */
public final class RowEncoder implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What became of a row. */
  public enum Outcome {
    /** Every value is in the domain. */
    VALID,
    /** Kept with at least one value clipped into the domain ({@link InvalidValuePolicy#CLIP}). */
    CLIPPED,
    /** Skipped for an invalid value ({@link InvalidValuePolicy#DROP}, or a value CLIP cannot mend). */
    DROPPED,
    /** Refused: an invalid value under {@link InvalidValuePolicy#ERROR}, or a wrong number of fields. */
    REJECTED
  }

  private final Domain domain;
  private final int[] positions;
  private final int width;
  private final char delimiter;
  private final InvalidValuePolicy policy;
  private final List<String> ignored;

  private RowEncoder(Domain domain, int[] positions, int width, char delimiter, InvalidValuePolicy policy,
      List<String> ignored) {
    this.domain = domain;
    this.positions = positions;
    this.width = width;
    this.delimiter = delimiter;
    this.policy = policy;
    this.ignored = List.copyOf(ignored);
  }

  /**
   * An encoder for rows laid out as {@code header} (the file's first row; a leading byte-order mark is
   * ignored): columns are matched by name; header columns that are not in the domain are ignored.
   *
   * @param source the file the header came from, for error messages
   * @param delimiter the field delimiter (to suggest a fix when a row has one field)
   * @throws InvalidInputException naming {@code source} line 1 when the header looks split by another
   *     delimiter, or a domain column is missing or appears twice
   */
  public static RowEncoder forHeader(Domain domain, String[] header, String source, char delimiter,
      InvalidValuePolicy policy) {
    header = headerNames(header, source, delimiter);
    int[] pos = new int[domain.size()];
    List<String> missing = new ArrayList<>();
    List<String> names = Arrays.asList(header);
    for (int c = 0; c < domain.size(); c++) {
      String name = domain.column(c).name();
      int first = names.indexOf(name);
      if (first < 0) {
        missing.add(name);
      } else if (names.lastIndexOf(name) != first) {
        throw new InvalidInputException(source + " line 1: column '" + name + "' appears twice in the header");
      }
      pos[c] = first;
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(source + " line 1: the header lacks column" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing.stream().map(m -> "'" + m + "'").toList())
          + " required by the domain (header has: " + String.join(", ", header) + ")");
    }
    List<String> ignored = new ArrayList<>();
    for (String h : header) {
      if (domain.indexOf(h).isEmpty()) {
        ignored.add(h);
      }
    }
    return new RowEncoder(domain, pos, header.length, delimiter, policy, ignored);
  }

  /**
   * The column names of a header row: without a leading byte-order mark, and refused with a hint when
   * the row has one field that looks split by another delimiter.
   */
  public static String[] headerNames(String[] header, String source, char delimiter) {
    String[] names = header;
    if (names.length > 0 && names[0].startsWith("\uFEFF")) {
      names = header.clone();
      names[0] = names[0].substring(1);
    }
    if (names.length == 1) {
      for (char other : new char[] {',', ';', '\t', '|'}) {
        if (other != delimiter && names[0].indexOf(other) >= 0) {
          throw new InvalidInputException(source + " line 1: the header has one field and looks "
              + CsvInput.show(other) + "-delimited, but the delimiter is " + CsvInput.show(delimiter)
              + " (use --delimiter " + CsvInput.show(other) + ")");
        }
      }
    }
    return names;
  }

  /** Header columns that are not in the domain (not read). */
  public List<String> ignoredColumns() {
    return ignored;
  }

  public Domain domain() {
    return domain;
  }

  public InvalidValuePolicy policy() {
    return policy;
  }

  /**
   * Encodes {@code fields} (in header order; a {@code null} field counts as empty) into {@code row}.
   * For any outcome but {@link Outcome#VALID}, {@link #problemAt} describes the row's first problem.
   */
  public Outcome encode(String[] fields, EncodedRow row) {
    return check(fields, row, null);
  }

  /**
   * The first problem of a row, placed at {@code where} (e.g. {@code "data.csv line 12"}):
   * {@code "data.csv line 12, column 'age': value '95' is outside the domain (expected ...)"}; empty
   * when the row is valid.
   */
  public String problemAt(String where, String[] fields) {
    StringBuilder problem = new StringBuilder();
    check(fields, new EncodedRow(domain.size()), problem);
    return problem.isEmpty() ? "" : where + problem;
  }

  /** Encodes and decides; when {@code problem} is given, words the first problem into it. */
  private Outcome check(String[] fields, EncodedRow row, StringBuilder problem) {
    if (fields.length != width) {
      if (problem != null) {
        problem.append(": expected ").append(width).append(" fields (as in the header), found ").append(fields.length);
        if (fields.length == 1 && width > 1) {
          problem.append("; is the delimiter ").append(CsvInput.show(delimiter)).append(" right?");
        }
      }
      return Outcome.REJECTED;
    }
    Outcome outcome = Outcome.VALID;
    for (int c = 0; c < positions.length && outcome != Outcome.DROPPED; c++) {
      String raw = fields[positions[c]] == null ? "" : fields[positions[c]];
      Outcome o = encode(domain.column(c), c, raw, row);
      if (o == Outcome.VALID) {
        continue;
      }
      if (problem != null && problem.isEmpty()) {
        problem.append(", column '").append(domain.column(c).name()).append("': ")
            .append(describe(domain.column(c), raw));
      }
      if (policy == InvalidValuePolicy.ERROR) {
        if (problem != null) {
          problem.append(" (use --on-invalid clip|drop to skip such rows)");
        }
        return Outcome.REJECTED;
      }
      outcome = (policy == InvalidValuePolicy.DROP || o == Outcome.DROPPED) ? Outcome.DROPPED : Outcome.CLIPPED;
    }
    return outcome;
  }

  /** Encodes one cell into {@code row}; CLIPPED means a clipped value was stored. */
  private static Outcome encode(Column column, int c, String raw, EncodedRow row) {
    if (column instanceof DiscreteColumn d) {
      int code = d.indexOf(raw);
      if (code < 0) {
        return Outcome.DROPPED;
      }
      row.setCode(c, code);
      return Outcome.VALID;
    }
    NumericColumn n = (NumericColumn) column;
    double v = NumberText.parse(raw);
    if (Double.isNaN(v)) {
      return Outcome.DROPPED;
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
}
