package io.dpforge.synth.query;

import java.util.Arrays;

/**
 * A k-way marginal: one counting query per combination of values of its columns. Numeric columns are
 * cut at their default bins, grouped by {@code 2^level} (level 0 is the domain's own bins); the row's
 * real value decides its bin, so the query is exact on real-valued data. Levels above 0 give the
 * multi-resolution range marginals of Private-GSD (Liu et al. 2023, §5; HEAD code: interval marginals
 * at tree depth 3), each level its own query set.
 *
 * <p>The cell index is mixed-radix: {@code Σ_k (code_k >> level_k) · stride_k}.
 */
public final class Marginal implements QuerySet {
  private static final long serialVersionUID = 1L;

  private final DomainLayout layout;
  private final int[] columns;
  private final int[] levels;
  private final int[] radix;
  private final int[] stride;
  private final int size;
  private final boolean[] reads;
  private final String name;

  private Marginal(DomainLayout layout, int[] columns, int[] levels) {
    if (columns.length == 0 || columns.length != levels.length) {
      throw new IllegalArgumentException("a marginal needs at least one column and one level per column");
    }
    this.layout = layout;
    this.columns = columns.clone();
    this.levels = levels.clone();
    this.radix = new int[columns.length];
    this.stride = new int[columns.length];
    this.reads = new boolean[layout.columns()];
    long cells = 1;
    for (int k = columns.length - 1; k >= 0; k--) {
      int c = columns[k];
      if (k > 0 && columns[k - 1] >= c) {
        throw new IllegalArgumentException("marginal columns must be distinct and increasing: "
            + Arrays.toString(columns));
      }
      if (levels[k] != 0 && layout.isDiscrete(c)) {
        throw new IllegalArgumentException("column " + layout.name(c) + " is discrete: only numeric columns"
            + " take a coarser level");
      }
      radix[k] = groupedSize(layout.codes(c), levels[k]);
      stride[k] = (int) cells;
      cells *= radix[k];
      if (cells > Integer.MAX_VALUE / 2) {
        throw new IllegalArgumentException("marginal over " + describe(layout, columns, levels) + " has too many cells");
      }
      reads[c] = true;
    }
    this.size = (int) cells;
    this.name = (isRange() ? "range(" : "marginal(") + describe(layout, columns, levels) + ")";
  }

  /** The marginal over {@code columns} (increasing indices) at the domain's bins. */
  public static Marginal of(DomainLayout layout, int... columns) {
    return new Marginal(layout, columns, new int[columns.length]);
  }

  /** The marginal with numeric column {@code columns[k]} cut at bins grouped by {@code 2^levels[k]}. */
  public static Marginal atLevels(DomainLayout layout, int[] columns, int[] levels) {
    return new Marginal(layout, columns, levels);
  }

  private static int groupedSize(int codes, int level) {
    return (codes + (1 << level) - 1) >> level;
  }

  private static String describe(DomainLayout layout, int[] columns, int[] levels) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < columns.length; k++) {
      if (k > 0) {
        b.append(',');
      }
      b.append(layout.name(columns[k]));
      if (levels[k] > 0) {
        b.append('/').append(1 << levels[k]);
      }
    }
    return b.toString();
  }

  private boolean isRange() {
    for (int l : levels) {
      if (l > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public QueryClass queryClass() {
    return isRange() ? QueryClass.RANGE : QueryClass.MARGINAL;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int[] columns() {
    return columns.clone();
  }

  /** Number of columns (k of the k-way marginal). */
  public int arity() {
    return columns.length;
  }

  /** The grouping level of each column (0 = the domain's bins). */
  public int[] levels() {
    return levels.clone();
  }

  /** Number of cells along column position {@code k}. */
  public int radix(int k) {
    return radix[k];
  }

  @Override
  public boolean reads(int column) {
    return reads[column];
  }

  @Override
  public int cell(RowView row) {
    int cell = 0;
    for (int k = 0; k < columns.length; k++) {
      cell += (row.code(columns[k]) >> levels[k]) * stride[k];
    }
    return cell;
  }

  @Override
  public String cellLabel(int cell) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < columns.length; k++) {
      int v = (cell / stride[k]) % radix[k];
      if (k > 0) {
        b.append('|');
      }
      int c = columns[k];
      if (layout.isDiscrete(c)) {
        b.append(layout.label(c, v));
      } else {
        int lo = v << levels[k];
        int hi = Math.min(layout.codes(c), (v + 1) << levels[k]) - 1;
        b.append('[').append(fmt(layout.binLow(c, lo))).append(',').append(fmt(layout.binHigh(c, hi))).append(')');
      }
    }
    return b.toString();
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
