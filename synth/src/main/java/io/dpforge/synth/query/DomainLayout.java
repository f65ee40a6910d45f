package io.dpforge.synth.query;

import io.dpforge.dp.data.Column;
import io.dpforge.dp.data.DiscreteColumn;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedRow;
import io.dpforge.dp.data.NumericColumn;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The public domain reduced to what queries and the synthesiser need, in a serialisable form (a
 * workload travels to Spark executors with it): per column its name, whether it is discrete, its
 * number of codes (values, or default bins for numeric columns), and for numeric columns the bounds
 * and bin edges.
 *
 * <p>A numeric column's <em>code</em> is the index of the default bin holding its real value; queries
 * on numeric columns read either the code (marginals at bin resolution) or the exact value (prefix and
 * halfspace queries), never a rounded copy.
 */
public final class DomainLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] names;
  private final boolean[] discrete;
  private final boolean[] ordered;
  private final boolean[] integer;
  private final int[] codes;
  private final double[] min;
  private final double[] max;
  private final double[][] edges;
  private final String[][] labels;

  private DomainLayout(Domain domain) {
    int d = domain.size();
    names = new String[d];
    discrete = new boolean[d];
    ordered = new boolean[d];
    integer = new boolean[d];
    codes = new int[d];
    min = new double[d];
    max = new double[d];
    edges = new double[d][];
    labels = new String[d][];
    for (int c = 0; c < d; c++) {
      Column col = domain.column(c);
      names[c] = col.name();
      if (col instanceof DiscreteColumn dc) {
        discrete[c] = true;
        ordered[c] = dc.ordered();
        codes[c] = dc.size();
        labels[c] = dc.values().toArray(new String[0]);
      } else {
        NumericColumn n = (NumericColumn) col;
        integer[c] = n.integer();
        codes[c] = n.bins();
        min[c] = n.min();
        max[c] = n.max();
        edges[c] = n.binEdges();
      }
    }
  }

  public static DomainLayout of(Domain domain) {
    return new DomainLayout(domain);
  }

  public int columns() {
    return names.length;
  }

  public String name(int column) {
    return names[column];
  }

  public List<String> names() {
    return List.of(names);
  }

  /** Index of the named column; a clear error lists the columns when there is none. */
  public int indexOf(String name) {
    for (int c = 0; c < names.length; c++) {
      if (names[c].equals(name)) {
        return c;
      }
    }
    throw new io.dpforge.dp.data.InvalidInputException("no column '" + name + "' in the domain (columns: "
        + String.join(", ", names) + ")");
  }

  public boolean isDiscrete(int column) {
    return discrete[column];
  }

  public boolean isNumeric(int column) {
    return !discrete[column];
  }

  public boolean isOrdered(int column) {
    return ordered[column];
  }

  public boolean isInteger(int column) {
    return integer[column];
  }

  /** Number of codes: the value count of a discrete column, the default bin count of a numeric one. */
  public int codes(int column) {
    return codes[column];
  }

  public double min(int column) {
    return min[column];
  }

  public double max(int column) {
    return max[column];
  }

  /** Lower edge of bin {@code bin} of a numeric column. */
  public double binLow(int column, int bin) {
    return edges[column][bin];
  }

  /** Upper edge of bin {@code bin} of a numeric column (exclusive except for the last bin). */
  public double binHigh(int column, int bin) {
    return edges[column][bin + 1];
  }

  /**
   * Index of the default bin of numeric column {@code column} holding {@code v}. Adding 0.0 turns -0.0
   * into 0.0: binary search orders -0.0 below 0.0, which would put a rounded "-0" one bin lower than
   * the 0 it is written as.
   */
  public int binOf(int column, double v) {
    double[] e = edges[column];
    int i = Arrays.binarySearch(e, v + 0.0);
    int bin = i >= 0 ? i : -i - 2;
    return Math.max(0, Math.min(e.length - 2, bin));
  }

  /** The code of column {@code column} in an encoded row: the value index, or the bin of the number. */
  public int code(EncodedRow row, int column) {
    return discrete[column] ? row.code(column) : binOf(column, row.number(column));
  }

  /** The label of value {@code code} of a discrete column. */
  public String label(int column, int code) {
    return labels[column][code];
  }

  /** Scales a numeric value to [0, 1] by the public bounds. */
  public double scaled(int column, double v) {
    return (v - min[column]) / (max[column] - min[column]);
  }
}
