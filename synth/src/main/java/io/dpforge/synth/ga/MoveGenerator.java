package io.dpforge.synth.ga;

import io.dpforge.synth.query.DomainLayout;
import java.util.SplittableRandom;

/**
 * Draws the children of one generation as single-row (or, for swaps, two-row) edits of the current
 * best table. The operators follow Private-GSD (Liu et al. 2023, §4; HEAD {@code mutation_strategies.py}):
 *
 * <ul>
 *   <li><b>mutate</b>: one cell of a random row gets a uniformly drawn value;
 *   <li><b>crossover</b>: one or two cells of a random row are copied from another random row (the
 *       donor rows come from the current best, of which the elite children are one-row variants);
 *   <li><b>swap</b>: one column's values of two random rows are exchanged (1-way marginals stay put);
 *   <li><b>nudge</b> (numeric columns only): a value moves by a Gaussian step of its bin's width.
 * </ul>
 *
 * All randomness is the GA's own seeded {@link SplittableRandom}: it is not privacy code.
 */
final class MoveGenerator {
  private final SyntheticRows rows;
  private final DomainLayout layout;
  private final ValueSampler sampler;
  private final SplittableRandom random;
  private final int[] numericColumns;

  MoveGenerator(SyntheticRows rows, SplittableRandom random) {
    this.rows = rows;
    this.layout = rows.layout();
    this.sampler = new ValueSampler(layout);
    this.random = random;
    this.numericColumns = java.util.stream.IntStream.range(0, layout.columns())
        .filter(layout::isNumeric).toArray();
  }

  /** Fills {@code moves} with {@code count} children. */
  void fill(Moves moves, int count) {
    moves.clear();
    for (int i = 0; i < count; i++) {
      int roll = random.nextInt(10);
      if (roll < 4) {
        mutate(moves);
      } else if (roll < 7) {
        crossover(moves);
      } else if (roll < 8 || numericColumns.length == 0) {
        swap(moves);
      } else {
        nudge(moves);
      }
    }
  }

  private void mutate(Moves moves) {
    int m = moves.begin();
    int r = random.nextInt(rows.rows());
    int c = random.nextInt(layout.columns());
    assignFresh(moves, m, r, c);
  }

  private void assignFresh(Moves moves, int m, int r, int c) {
    if (layout.isDiscrete(c)) {
      moves.assign(m, r, c, sampler.code(c, random), 0);
    } else {
      double v = sampler.numeric(c, random);
      moves.assign(m, r, c, layout.binOf(c, v), v);
    }
  }

  private void crossover(Moves moves) {
    int m = moves.begin();
    int r = random.nextInt(rows.rows());
    int donor = random.nextInt(rows.rows());
    int c1 = random.nextInt(layout.columns());
    copy(moves, m, r, donor, c1);
    if (layout.columns() > 1 && random.nextBoolean()) {
      int c2 = random.nextInt(layout.columns() - 1);
      copy(moves, m, r, donor, c2 >= c1 ? c2 + 1 : c2);
    }
  }

  private void copy(Moves moves, int m, int r, int donor, int c) {
    moves.assign(m, r, c, rows.code(donor, c), rows.value(donor, c));
  }

  private void swap(Moves moves) {
    int m = moves.begin();
    int r1 = random.nextInt(rows.rows());
    int r2 = random.nextInt(rows.rows());
    int c = random.nextInt(layout.columns());
    if (r1 == r2) {
      assignFresh(moves, m, r1, c);
      return;
    }
    copy(moves, m, r1, r2, c);
    copy(moves, m, r2, r1, c);
  }

  private void nudge(Moves moves) {
    int m = moves.begin();
    int r = random.nextInt(rows.rows());
    int c = numericColumns[random.nextInt(numericColumns.length)];
    double v = sampler.nudge(c, rows.value(r, c), random);
    moves.assign(m, r, c, layout.binOf(c, v), v);
  }
}
