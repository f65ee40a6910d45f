package io.dpforge.synth.ga;

/**
 * A batch of candidate moves, stored flat to avoid allocating per candidate. A move is one or two
 * cell assignments {@code (row, column) := (code, value)}: a mutation or crossover of one column is
 * one assignment, a two-column crossover two on one row, a swap two on two rows. Moves are absolute
 * assignments, so a move drawn against one table state is still well defined (and exactly re-scored)
 * after other moves were applied.
 */
public final class Moves {
  static final int MAX_ASSIGNMENTS = 2;

  private final int capacity;
  private final int[] count;
  private final int[] row;
  private final int[] column;
  private final int[] code;
  private final double[] value;
  private int size;

  public Moves(int capacity) {
    this.capacity = capacity;
    this.count = new int[capacity];
    this.row = new int[capacity * MAX_ASSIGNMENTS];
    this.column = new int[capacity * MAX_ASSIGNMENTS];
    this.code = new int[capacity * MAX_ASSIGNMENTS];
    this.value = new double[capacity * MAX_ASSIGNMENTS];
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  public void clear() {
    size = 0;
  }

  /** Starts a new move and returns its index. */
  public int begin() {
    count[size] = 0;
    return size++;
  }

  /** Adds an assignment to move {@code m}. */
  public void assign(int m, int r, int c, int cd, double v) {
    int k = m * MAX_ASSIGNMENTS + count[m]++;
    row[k] = r;
    column[k] = c;
    code[k] = cd;
    value[k] = v;
  }

  /** Number of assignments of move {@code m} (1 or 2). */
  public int assignments(int m) {
    return count[m];
  }

  public int row(int m, int a) {
    return row[m * MAX_ASSIGNMENTS + a];
  }

  public int column(int m, int a) {
    return column[m * MAX_ASSIGNMENTS + a];
  }

  public int code(int m, int a) {
    return code[m * MAX_ASSIGNMENTS + a];
  }

  public double value(int m, int a) {
    return value[m * MAX_ASSIGNMENTS + a];
  }
}
