package io.dpforge.synth.ga;

import io.dpforge.synth.query.QuerySet;
import io.dpforge.synth.query.Workload;

/**
 * The genetic algorithm's view of one synthetic table against target answers: for every (row, query
 * set) the cell the row satisfies, the synthetic count of every target query, and the residuals
 * {@code q(D')/N' − â}. Fitness is the squared L2 norm of the residuals (Liu et al. 2023, §4).
 *
 * <p>Scoring is incremental (the brief's §1.8 trick 1, with the Java refinement of trick 5): a move
 * changes one or two rows, and a changed row leaves one cell and enters another in each query set
 * that reads an assigned column, so a move costs O(sets reading the column × arity), independent of
 * N' and of the number of queries. {@link #delta} may run on many threads at once; {@link #apply}
 * runs alone between scoring rounds.
 */
public final class FitState {
  private final Workload targets;
  private final QuerySet[] sets;
  private final int[] offsets;
  private final int[][] reading;
  private final double[] target;
  private final SyntheticRows rows;
  private final int setCount;
  private final int[] cells;
  private final int[] counts;
  private final double[] residual;
  private final double inv;
  private double fitness;

  /**
   * @param targets the query sets fitted
   * @param target the target answer of each query of {@code targets}, as a fraction of rows
   * @param rows the synthetic table to evolve (owned by this state from now on)
   */
  public FitState(Workload targets, double[] target, SyntheticRows rows) {
    if (target.length != targets.answers()) {
      throw new IllegalArgumentException("expected " + targets.answers() + " targets, got " + target.length);
    }
    this.targets = targets;
    this.setCount = targets.sets();
    this.sets = targets.querySets().toArray(new QuerySet[0]);
    this.offsets = new int[setCount];
    for (int s = 0; s < setCount; s++) {
      offsets[s] = targets.offset(s);
    }
    this.reading = new int[rows.layout().columns()][];
    for (int c = 0; c < reading.length; c++) {
      reading[c] = targets.setsReading(c);
    }
    this.target = target.clone();
    this.rows = rows;
    this.cells = new int[rows.rows() * setCount];
    this.counts = new int[targets.answers()];
    this.residual = new double[targets.answers()];
    this.inv = 1.0 / rows.rows();
    for (int r = 0; r < rows.rows(); r++) {
      var view = rows.row(r);
      for (int s = 0; s < setCount; s++) {
        int cell = sets[s].cell(view);
        cells[r * setCount + s] = cell;
        if (cell >= 0) {
          counts[offsets[s] + cell]++;
        }
      }
    }
    for (int i = 0; i < residual.length; i++) {
      residual[i] = counts[i] * inv - this.target[i];
    }
    this.fitness = recomputeFitness();
  }

  public Workload targets() {
    return targets;
  }

  public SyntheticRows rows() {
    return rows;
  }

  /** The current fitness (kept up to date by {@link #apply}; see {@link #recomputeFitness}). */
  public double fitness() {
    return fitness;
  }

  /** Recomputes the fitness exactly from the residuals (clearing rounding drift) and returns it. */
  public double recomputeFitness() {
    double f = 0;
    for (double r : residual) {
      f += r * r;
    }
    fitness = f;
    return f;
  }

  /** Synthetic counts of every target query (a copy). */
  public int[] counts() {
    return counts.clone();
  }

  /** Synthetic answers of every target query as fractions of N'. */
  public double[] answers() {
    double[] a = new double[counts.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = counts[i] * inv;
    }
    return a;
  }

  /** Per-thread scratch space for scoring. */
  public Scratch scratch() {
    return new Scratch(rows);
  }

  /** Scratch rows for one scoring thread. */
  public static final class Scratch {
    private final EditedRow first;
    private final EditedRow second;
    private final int[] index = new int[4];
    private final int[] change = new int[4];

    Scratch(SyntheticRows rows) {
      first = new EditedRow(rows);
      second = new EditedRow(rows);
    }
  }

  /** Change of the fitness if move {@code m} were applied (negative: better). */
  public double delta(Moves moves, int m, Scratch scratch) {
    int r1 = moves.row(m, 0);
    int c1 = moves.column(m, 0);
    boolean two = moves.assignments(m) == 2;
    int r2 = two ? moves.row(m, 1) : r1;
    int c2 = two ? moves.column(m, 1) : c1;
    double d = 0;
    if (r1 == r2) {
      EditedRow edited = scratch.first.of(r1, moves, m);
      int base = r1 * setCount;
      for (int s : reading[c1]) {
        d += cellDelta(s, cells[base + s], sets[s].cell(edited));
      }
      if (c2 != c1) {
        for (int s : reading[c2]) {
          if (!sets[s].reads(c1)) {
            d += cellDelta(s, cells[base + s], sets[s].cell(edited));
          }
        }
      }
      return d;
    }
    EditedRow e1 = scratch.first.of(r1, moves, m);
    EditedRow e2 = scratch.second.of(r2, moves, m);
    for (int s : reading[c1]) {
      d += twoRowDelta(s, r1, e1, r2, e2, scratch);
    }
    if (c2 != c1) {
      for (int s : reading[c2]) {
        if (!sets[s].reads(c1)) {
          d += twoRowDelta(s, r1, e1, r2, e2, scratch);
        }
      }
    }
    return d;
  }

  private double cellDelta(int s, int old, int now) {
    if (old == now) {
      return 0;
    }
    double d = 0;
    if (old >= 0) {
      d += change(offsets[s] + old, -1);
    }
    if (now >= 0) {
      d += change(offsets[s] + now, 1);
    }
    return d;
  }

  /** Squared-residual change of answer {@code i} when its count moves by {@code by}. */
  private double change(int i, int by) {
    double step = by * inv;
    return step * (2 * residual[i] + step);
  }

  private double twoRowDelta(int s, int r1, EditedRow e1, int r2, EditedRow e2, Scratch scratch) {
    int n = 0;
    n = collect(s, cells[r1 * setCount + s], sets[s].cell(e1), scratch, n);
    n = collect(s, cells[r2 * setCount + s], sets[s].cell(e2), scratch, n);
    double d = 0;
    for (int k = 0; k < n; k++) {
      if (scratch.change[k] != 0) {
        d += change(scratch.index[k], scratch.change[k]);
      }
    }
    return d;
  }

  /** Adds a row's cell move in set {@code s} to the scratch list, merging changes of one answer. */
  private int collect(int s, int old, int now, Scratch scratch, int n) {
    if (old == now) {
      return n;
    }
    if (old >= 0) {
      n = merge(offsets[s] + old, -1, scratch, n);
    }
    if (now >= 0) {
      n = merge(offsets[s] + now, 1, scratch, n);
    }
    return n;
  }

  private static int merge(int index, int by, Scratch scratch, int n) {
    for (int k = 0; k < n; k++) {
      if (scratch.index[k] == index) {
        scratch.change[k] += by;
        return n;
      }
    }
    scratch.index[n] = index;
    scratch.change[n] = by;
    return n + 1;
  }

  /** Applies move {@code m}: updates the table, the cells, the counts, the residuals and the fitness. */
  public void apply(Moves moves, int m, Scratch scratch) {
    int assignments = moves.assignments(m);
    int[] changedRows = new int[assignments];
    int distinct = 0;
    for (int a = 0; a < assignments; a++) {
      int r = moves.row(m, a);
      if (distinct == 0 || changedRows[0] != r) {
        changedRows[distinct++] = r;
      }
    }
    int[][] newCells = new int[distinct][setCount];
    for (int k = 0; k < distinct; k++) {
      EditedRow edited = scratch.first.of(changedRows[k], moves, m);
      int base = changedRows[k] * setCount;
      for (int s = 0; s < setCount; s++) {
        newCells[k][s] = readsAssigned(s, moves, m) ? sets[s].cell(edited) : cells[base + s];
      }
    }
    for (int k = 0; k < distinct; k++) {
      int base = changedRows[k] * setCount;
      for (int s = 0; s < setCount; s++) {
        int old = cells[base + s];
        int now = newCells[k][s];
        if (old != now) {
          if (old >= 0) {
            bump(offsets[s] + old, -1);
          }
          if (now >= 0) {
            bump(offsets[s] + now, 1);
          }
          cells[base + s] = now;
        }
      }
    }
    for (int a = 0; a < assignments; a++) {
      rows.set(moves.row(m, a), moves.column(m, a), moves.code(m, a), moves.value(m, a));
    }
  }

  private boolean readsAssigned(int s, Moves moves, int m) {
    for (int a = 0; a < moves.assignments(m); a++) {
      if (sets[s].reads(moves.column(m, a))) {
        return true;
      }
    }
    return false;
  }

  private void bump(int i, int by) {
    fitness += change(i, by);
    counts[i] += by;
    residual[i] = counts[i] * inv - target[i];
  }
}
