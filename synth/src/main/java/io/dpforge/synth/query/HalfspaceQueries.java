package io.dpforge.synth.query;

/**
 * Halfspace queries (Liu et al. 2023, §5; ICML code {@code stats/halfspaces_prefix.py}, which projects
 * one-hot categoricals and numerics jointly): for each value {@code v} of a discrete column, the count
 * of rows with that value and {@code <w, φ(x)> > b}, where {@code φ} maps each numeric column to
 * {@code [0, 1]} by its public bounds and each discrete column to a one-hot vector. Weights and offset
 * are public. A row satisfies at most one query of the set.
 *
 * <p>The projection is recomputed from the row in a fixed column order, so the incremental scorer and
 * a full recomputation see bit-identical sums (no drift from cached partial sums).
 */
public final class HalfspaceQueries implements QuerySet {
  private static final long serialVersionUID = 1L;

  private final DomainLayout layout;
  private final int categorical;
  private final double[][] weights;
  private final double offset;
  private final int[] columns;
  private final boolean[] reads;
  private final String name;

  /**
   * @param categorical the discrete column crossed with the halfspace, or -1 for none
   * @param weights per column: for a numeric column one weight, for a discrete column one weight per
   *     value; {@code null} for a column left out of the projection
   * @param offset the threshold {@code b}
   * @param id a short identifier for the name (e.g. the index of a random halfspace)
   */
  public HalfspaceQueries(DomainLayout layout, int categorical, double[][] weights, double offset, String id) {
    if (weights.length != layout.columns()) {
      throw new IllegalArgumentException("need one weight entry per column");
    }
    this.layout = layout;
    this.categorical = categorical;
    this.weights = new double[weights.length][];
    this.offset = offset;
    this.reads = new boolean[layout.columns()];
    for (int c = 0; c < weights.length; c++) {
      if (weights[c] != null) {
        int expected = layout.isNumeric(c) ? 1 : layout.codes(c);
        if (weights[c].length != expected) {
          throw new IllegalArgumentException("column " + layout.name(c) + " needs " + expected + " weight(s)");
        }
        this.weights[c] = weights[c].clone();
        reads[c] = true;
      }
    }
    if (categorical >= 0) {
      if (!layout.isDiscrete(categorical)) {
        throw new IllegalArgumentException(layout.name(categorical) + " is not discrete");
      }
      reads[categorical] = true;
    }
    this.columns = PrefixQueries.readColumns(reads);
    this.name = "halfspace(" + (categorical >= 0 ? layout.name(categorical) + ";" : "") + id + ")";
  }

  /** The projection {@code <w, φ(x)>} of a row. */
  public double project(RowView row) {
    double s = 0;
    for (int c = 0; c < weights.length; c++) {
      double[] w = weights[c];
      if (w != null) {
        s += layout.isNumeric(c) ? w[0] * layout.scaled(c, row.value(c)) : w[row.code(c)];
      }
    }
    return s;
  }

  public double offset() {
    return offset;
  }

  public int categorical() {
    return categorical;
  }

  /** A copy of the weights of {@code column} ({@code null} when it is not projected). */
  public double[] weights(int column) {
    return weights[column] == null ? null : weights[column].clone();
  }

  @Override
  public QueryClass queryClass() {
    return QueryClass.HALFSPACE;
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
    if (!(project(row) > offset)) {
      return -1;
    }
    return categorical >= 0 ? row.code(categorical) : 0;
  }

  @Override
  public String cellLabel(int cell) {
    return categorical >= 0 ? layout.label(categorical, cell) : "all";
  }
}
