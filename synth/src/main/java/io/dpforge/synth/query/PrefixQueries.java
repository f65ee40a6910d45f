package io.dpforge.synth.query;

import java.util.Arrays;

/**
 * Prefix queries (Liu et al. 2023, §5, "prefix"; ICML code {@code stats/prefix.py}): for each value
 * {@code v} of a discrete column, the count of rows with that value and {@code x_a < t_a} on every
 * listed numeric column {@code a}. Thresholds are public (drawn from a seeded generator over the
 * public bounds, or given). Without a discrete column the set is a single query. A row satisfies at
 * most one query of the set.
 */
public final class PrefixQueries extends GroupedQueries {
  private static final long serialVersionUID = 1L;

  private final int[] numeric;
  private final double[] thresholds;

  /**
   * @param categorical the discrete column crossed with the prefix, or -1 for none
   * @param numeric the numeric columns thresholded
   * @param thresholds one threshold per numeric column
   */
  public PrefixQueries(DomainLayout layout, int categorical, int[] numeric, double[] thresholds) {
    super(layout, categorical, thresholded(layout, numeric, thresholds), name(layout, categorical, numeric, thresholds));
    this.numeric = numeric.clone();
    this.thresholds = thresholds.clone();
  }

  /** Checks the thresholded columns; they are the ones the predicate reads. */
  private static boolean[] thresholded(DomainLayout layout, int[] numeric, double[] thresholds) {
    if (numeric.length == 0 || numeric.length != thresholds.length) {
      throw new IllegalArgumentException("a prefix query needs one threshold per numeric column");
    }
    boolean[] reads = new boolean[layout.columns()];
    for (int column : numeric) {
      if (!layout.isNumeric(column)) {
        throw new IllegalArgumentException(layout.name(column) + " is not numeric");
      }
      reads[column] = true;
    }
    return reads;
  }

  private static String name(DomainLayout layout, int categorical, int[] numeric, double[] thresholds) {
    StringBuilder b = new StringBuilder("prefix(").append(groupPrefix(layout, categorical));
    for (int k = 0; k < numeric.length; k++) {
      b.append(k > 0 ? "," : "").append(layout.name(numeric[k])).append('<').append(Marginal.fmt(thresholds[k]));
    }
    return b.append(')').toString();
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
  boolean passes(RowView row) {
    for (int k = 0; k < numeric.length; k++) {
      if (!(row.value(numeric[k]) < thresholds[k])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return name() + Arrays.toString(thresholds);
  }
}
