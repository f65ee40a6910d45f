package io.dpforge.dp.data;

import java.util.Arrays;

/**
 * An immutable table over a {@link Domain}, stored by column: value indices ({@code int}) for discrete
 * columns and real values ({@code double}) for numeric columns.
 */
public final class EncodedTable {
  private final Domain domain;
  private final int rows;
  private final int[][] codes;
  private final double[][] numbers;

  private EncodedTable(Domain domain, int rows, int[][] codes, double[][] numbers) {
    this.domain = domain;
    this.rows = rows;
    this.codes = codes;
    this.numbers = numbers;
  }

  public static Builder builder(Domain domain) {
    return new Builder(domain);
  }

  public Domain domain() {
    return domain;
  }

  public int rows() {
    return rows;
  }

  /** Value index of discrete column {@code col} in {@code row}. */
  public int code(int row, int col) {
    return discrete(col)[row];
  }

  /** Value of numeric column {@code col} in {@code row}. */
  public double number(int row, int col) {
    return numeric(col)[row];
  }

  /** A copy of discrete column {@code col}'s value indices. */
  public int[] codes(int col) {
    return discrete(col).clone();
  }

  /** A copy of numeric column {@code col}'s values. */
  public double[] numbers(int col) {
    return numeric(col).clone();
  }

  /** The decoded cell as text: the value label, or the number. */
  public String label(int row, int col) {
    Column c = domain.column(col);
    if (c instanceof DiscreteColumn d) {
      return d.values().get(code(row, col));
    }
    NumericColumn n = (NumericColumn) c;
    return NumberText.format(number(row, col), n.integer());
  }

  private int[] discrete(int col) {
    int[] c = codes[col];
    if (c == null) {
      throw new IllegalArgumentException("column " + domain.column(col).name() + " is numeric, not discrete");
    }
    return c;
  }

  private double[] numeric(int col) {
    double[] n = numbers[col];
    if (n == null) {
      throw new IllegalArgumentException("column " + domain.column(col).name() + " is discrete, not numeric");
    }
    return n;
  }

  /** Accumulates rows; {@link #add(EncodedRow)} copies the row. */
  public static final class Builder {
    private final Domain domain;
    private int rows;
    private final int[][] codes;
    private final double[][] numbers;

    private Builder(Domain domain) {
      this.domain = domain;
      int k = domain.size();
      codes = new int[k][];
      numbers = new double[k][];
      for (int c = 0; c < k; c++) {
        if (domain.column(c) instanceof DiscreteColumn) {
          codes[c] = new int[16];
        } else {
          numbers[c] = new double[16];
        }
      }
    }

    /** Adds a row; values are checked against the domain (a table never holds an invalid cell). */
    public Builder add(EncodedRow row) {
      if (row.columns() != domain.size()) {
        throw new IllegalArgumentException("row has " + row.columns() + " columns, domain has " + domain.size());
      }
      grow();
      for (int c = 0; c < codes.length; c++) {
        Column col = domain.column(c);
        if (col instanceof DiscreteColumn d) {
          int v = row.code(c);
          if (v < 0 || v >= d.size()) {
            throw new IllegalArgumentException("column " + d.name() + ": value index " + v + " outside [0, "
                + d.size() + ")");
          }
          codes[c][rows] = v;
        } else {
          NumericColumn n = (NumericColumn) col;
          double v = row.number(c);
          if (!n.contains(v)) {
            throw new IllegalArgumentException("column " + n.name() + ": " + v + " is not " + n.describeDomain());
          }
          numbers[c][rows] = v;
        }
      }
      rows++;
      return this;
    }

    private void grow() {
      int cap = capacity();
      if (rows < cap) {
        return;
      }
      int next = Math.max(16, cap + (cap >> 1));
      for (int c = 0; c < codes.length; c++) {
        if (codes[c] != null) {
          codes[c] = Arrays.copyOf(codes[c], next);
        } else {
          numbers[c] = Arrays.copyOf(numbers[c], next);
        }
      }
    }

    private int capacity() {
      return codes[0] != null ? codes[0].length : numbers[0].length;
    }

    public int rows() {
      return rows;
    }

    public EncodedTable build() {
      int[][] c = new int[codes.length][];
      double[][] n = new double[numbers.length][];
      for (int i = 0; i < codes.length; i++) {
        c[i] = codes[i] == null ? null : Arrays.copyOf(codes[i], rows);
        n[i] = numbers[i] == null ? null : Arrays.copyOf(numbers[i], rows);
      }
      return new EncodedTable(domain, rows, c, n);
    }
  }
}
