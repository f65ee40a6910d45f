package io.dpforge.synth.ga;

import io.dpforge.synth.query.RowView;

/**
 * A synthetic row as it would read after the assignments of one move that touch it: reads fall
 * through to the table except for the (at most two) assigned columns. One instance per scoring thread.
 */
final class EditedRow implements RowView {
  private final SyntheticRows rows;
  private int row;
  private int columnA = -1;
  private int codeA;
  private double valueA;
  private int columnB = -1;
  private int codeB;
  private double valueB;

  EditedRow(SyntheticRows rows) {
    this.rows = rows;
  }

  /** Points at {@code row} of the table, applying the assignments of move {@code m} on that row. */
  EditedRow of(int row, Moves moves, int m) {
    this.row = row;
    columnA = -1;
    columnB = -1;
    for (int a = 0; a < moves.assignments(m); a++) {
      if (moves.row(m, a) != row) {
        continue;
      }
      if (columnA < 0) {
        columnA = moves.column(m, a);
        codeA = moves.code(m, a);
        valueA = moves.value(m, a);
      } else {
        columnB = moves.column(m, a);
        codeB = moves.code(m, a);
        valueB = moves.value(m, a);
      }
    }
    return this;
  }

  @Override
  public int code(int column) {
    if (column == columnA) {
      return codeA;
    }
    if (column == columnB) {
      return codeB;
    }
    return rows.code(row, column);
  }

  @Override
  public double value(int column) {
    if (column == columnA) {
      return valueA;
    }
    if (column == columnB) {
      return valueB;
    }
    return rows.value(row, column);
  }
}
