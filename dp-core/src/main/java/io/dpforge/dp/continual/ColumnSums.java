package io.dpforge.dp.continual;

/** Input checks shared by the column-sum streams. */
final class ColumnSums {
  private ColumnSums() {}

  static void checkRow(boolean[] row, int columns) {
    if (row.length != columns) {
      throw new IllegalArgumentException("expected a row of " + columns + " columns, got " + row.length);
    }
  }
}
