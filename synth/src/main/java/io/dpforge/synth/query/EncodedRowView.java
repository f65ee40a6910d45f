package io.dpforge.synth.query;

import io.dpforge.dp.data.EncodedRow;

/** A {@link RowView} over an {@link EncodedRow} as readers produce it; numeric bins are computed on demand. */
public final class EncodedRowView implements RowView {
  private final DomainLayout layout;
  private EncodedRow row;

  public EncodedRowView(DomainLayout layout) {
    this.layout = layout;
  }

  /** Points this view at {@code row} (readers refill one row instance; no copy is made). */
  public EncodedRowView of(EncodedRow row) {
    this.row = row;
    return this;
  }

  @Override
  public int code(int column) {
    return layout.code(row, column);
  }

  @Override
  public double value(int column) {
    return row.number(column);
  }
}
