package io.dpforge.synth.query;

import io.dpforge.dp.data.EncodedRow;

/**
 * A {@link RowView} over an {@link EncodedRow} as readers produce it. The codes of all columns are
 * computed once when the view is pointed at a row: a workload reads each column from many query sets,
 * and a numeric column's code is a binary search over its bin edges.
 */
public final class EncodedRowView implements RowView {
  private final DomainLayout layout;
  private final int[] codes;
  private EncodedRow row;

  public EncodedRowView(DomainLayout layout) {
    this.layout = layout;
    this.codes = new int[layout.columns()];
  }

  /** Points this view at {@code row} (readers refill one row instance; the values are not copied). */
  public EncodedRowView of(EncodedRow row) {
    this.row = row;
    for (int c = 0; c < codes.length; c++) {
      codes[c] = layout.code(row, c);
    }
    return this;
  }

  @Override
  public int code(int column) {
    return codes[column];
  }

  @Override
  public double value(int column) {
    return row.number(column);
  }
}
