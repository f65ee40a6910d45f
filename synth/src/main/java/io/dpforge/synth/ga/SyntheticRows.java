package io.dpforge.synth.ga;

import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedRow;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.synth.query.DomainLayout;
import io.dpforge.synth.query.RowView;
import java.util.SplittableRandom;

/**
 * The synthetic table the genetic algorithm evolves: N' rows stored row-major, for each cell the code
 * (value index, or default-bin index of a numeric value) and, for numeric columns, the exact real value
 * within the public bounds. Mutable; owned by one {@link FitState}.
 */
public final class SyntheticRows {
  private final DomainLayout layout;
  private final int rows;
  private final int width;
  private final int[] codes;
  private final double[] values;

  private SyntheticRows(DomainLayout layout, int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("need at least one synthetic row, got " + rows);
    }
    this.layout = layout;
    this.rows = rows;
    this.width = layout.columns();
    this.codes = new int[rows * width];
    this.values = new double[rows * width];
  }

  /** N' rows drawn uniformly from the domain (Private-GSD's initialisation, Liu et al. 2023, Alg. 1). */
  public static SyntheticRows uniform(DomainLayout layout, int rows, SplittableRandom random) {
    SyntheticRows t = new SyntheticRows(layout, rows);
    ValueSampler sampler = new ValueSampler(layout);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < t.width; c++) {
        sampler.uniform(c, random, t, r);
      }
    }
    return t;
  }

  /** A copy (the warm start of the next round keeps the previous table intact). */
  public SyntheticRows copy() {
    SyntheticRows t = new SyntheticRows(layout, rows);
    System.arraycopy(codes, 0, t.codes, 0, codes.length);
    System.arraycopy(values, 0, t.values, 0, values.length);
    return t;
  }

  public DomainLayout layout() {
    return layout;
  }

  public int rows() {
    return rows;
  }

  public int code(int row, int column) {
    return codes[row * width + column];
  }

  public double value(int row, int column) {
    return values[row * width + column];
  }

  /** Sets a cell; {@code value} is ignored for discrete columns, {@code code} must match the value's bin. */
  public void set(int row, int column, int code, double value) {
    codes[row * width + column] = code;
    values[row * width + column] = value;
  }

  /** A view of one row (valid until the table changes that row). */
  public RowView row(int row) {
    return new RowView() {
      @Override
      public int code(int column) {
        return codes[row * width + column];
      }

      @Override
      public double value(int column) {
        return values[row * width + column];
      }
    };
  }

  /** The rows as an encoded table over {@code domain} (the domain this layout was made from). */
  public EncodedTable toTable(Domain domain) {
    EncodedTable.Builder b = EncodedTable.builder(domain);
    EncodedRow row = new EncodedRow(width);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < width; c++) {
        if (layout.isDiscrete(c)) {
          row.setCode(c, code(r, c));
        } else {
          row.setNumber(c, value(r, c));
        }
      }
      b.add(row);
    }
    return b.build();
  }
}
