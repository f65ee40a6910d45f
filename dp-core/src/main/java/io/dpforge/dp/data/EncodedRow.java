package io.dpforge.dp.data;

/**
 * One row in encoded form: for a discrete column the index of its value in the domain's value list,
 * for a numeric column its real value. Readers reuse one instance per file; copy what you keep.
 */
public final class EncodedRow {
  private final int[] codes;
  private final double[] numbers;

  public EncodedRow(int columns) {
    this.codes = new int[columns];
    this.numbers = new double[columns];
  }

  public int columns() {
    return codes.length;
  }

  /** Value index of discrete column {@code col}. */
  public int code(int col) {
    return codes[col];
  }

  /** Value of numeric column {@code col}. */
  public double number(int col) {
    return numbers[col];
  }

  public void setCode(int col, int code) {
    codes[col] = code;
  }

  public void setNumber(int col, double value) {
    numbers[col] = value;
  }
}
