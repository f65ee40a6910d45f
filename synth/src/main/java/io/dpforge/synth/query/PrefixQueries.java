package io.dpforge.synth.query;

import java.util.Arrays;

/**
 * Prefix queries (Liu et al. 2023, §5, "prefix"; ICML code {@code stats/prefix.py}): for each value
 * {@code v} of a discrete column, the count of rows with that value and {@code x_a < t_a} on every
 * listed numeric column {@code a}. Thresholds are public (drawn from a seeded generator over the
 * public bounds, or given). Without a discrete column the set is a single query. A row satisfies at
 * most one query of the set.
 */
public final class PrefixQueries implements QuerySet {
  private static final long serialVersionUID = 1L;

  private final DomainLayout layout;
  private final int categorical;
  private final int[] numeric;
  private final double[] thresholds;
  private final int[] columns;
  private final boolean[] reads;
  private final String name;

  /**
   * @param categorical the discrete column crossed with the prefix, or -1 for none
   * @param numeric the numeric columns thresholded
   * @param thresholds one threshold per numeric column
   */
  public PrefixQueries(DomainLayout layout, int categorical, int[] numeric, double[] thresholds) {
    if (numeric.length == 0 || numeric.length != thresholds.length) {
      throw new IllegalArgumentException("a prefix query needs one threshold per numeric column");
    }
    this.layout = layout;
    this.categorical = categorical;
    this.numeric = numeric.clone();
    this.thresholds = thresholds.clone();
    this.reads = new boolean[layout.columns()];
    StringBuilder b = new StringBuilder("prefix(");
    if (categorical >= 0) {
      if (!layout.isDiscrete(categorical)) {
        throw new IllegalArgumentException(layout.name(categorical) + " is not discrete");
      }
      reads[categorical] = true;
      b.append(layout.name(categorical)).append(';');
    }
    for (int k = 0; k < numeric.length; k++) {
      if (!layout.isNumeric(numeric[k])) {
        throw new IllegalArgumentException(layout.name(numeric[k]) + " is not numeric");
      }
      reads[numeric[k]] = true;
      b.append(k > 0 ? "," : "").append(layout.name(numeric[k])).append('<').append(Marginal.fmt(thresholds[k]));
    }
    this.name = b.append(')').toString();
    this.columns = readColumns(reads);
  }

  static int[] readColumns(boolean[] reads) {
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

  public int categorical() {
    return categorical;
  }

  public int[] numeric() {
    return numeric.clone();
  }

  public double[] thresholds() {
    return thresholds.clone();
  }

  @Override
  public QueryClass queryClass() {
    return QueryClass.PREFIX;
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
    for (int k = 0; k < numeric.length; k++) {
      if (!(row.value(numeric[k]) < thresholds[k])) {
        return -1;
      }
    }
    return categorical >= 0 ? row.code(categorical) : 0;
  }

  @Override
  public String cellLabel(int cell) {
    return categorical >= 0 ? layout.label(categorical, cell) : "all";
  }

  @Override
  public String toString() {
    return name + Arrays.toString(thresholds);
  }
}
