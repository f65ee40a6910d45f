package io.dpforge.synth.query;

/**
 * A query set that counts the rows passing one public predicate, optionally split by the value of one
 * discrete column (one query per value, so a row satisfies at most one query of the set): the shape
 * shared by prefix and halfspace queries (Liu et al. 2023, §5).
 */
public abstract sealed class GroupedQueries implements QuerySet permits PrefixQueries, HalfspaceQueries {
  private static final long serialVersionUID = 1L;

  final DomainLayout layout;
  final int categorical;
  private final boolean[] reads;
  private final int[] columns;
  private final String name;

  /**
   * @param categorical the discrete column the predicate is crossed with, or -1 for none
   * @param predicateReads the columns the predicate reads (this array is kept)
   */
  GroupedQueries(DomainLayout layout, int categorical, boolean[] predicateReads, String name) {
    if (categorical >= 0) {
      if (!layout.isDiscrete(categorical)) {
        throw new IllegalArgumentException(layout.name(categorical) + " is not discrete");
      }
      predicateReads[categorical] = true;
    }
    this.layout = layout;
    this.categorical = categorical;
    this.reads = predicateReads;
    this.columns = readColumns(predicateReads);
    this.name = name;
  }

  /** The prefix of a set's name: the grouping column and a separator, or nothing. */
  static String groupPrefix(DomainLayout layout, int categorical) {
    return categorical >= 0 ? layout.name(categorical) + ";" : "";
  }

  private static int[] readColumns(boolean[] reads) {
    int n = 0;
    for (boolean r : reads) {
      n += r ? 1 : 0;
    }
    int[] cols = new int[n];
    for (int c = 0, i = 0; c < reads.length; c++) {
      if (reads[c]) {
        cols[i++] = c;
      }
    }
    return cols;
  }

  /** Whether a row passes the predicate. */
  abstract boolean passes(RowView row);

  public int categorical() {
    return categorical;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return categorical >= 0 ? layout.codes(categorical) : 1;
  }

  @Override
  public int[] columns() {
    return columns.clone();
  }

  @Override
  public boolean reads(int column) {
    return reads[column];
  }

  @Override
  public int cell(RowView row) {
    if (!passes(row)) {
      return -1;
    }
    return categorical >= 0 ? row.code(categorical) : 0;
  }

  @Override
  public String cellLabel(int cell) {
    return categorical >= 0 ? layout.label(categorical, cell) : "all";
  }
}
