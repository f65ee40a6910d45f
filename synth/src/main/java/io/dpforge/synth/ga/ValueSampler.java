package io.dpforge.synth.ga;

import io.dpforge.synth.query.DomainLayout;
import java.util.SplittableRandom;

/**
 * Draws cell values for the genetic operators. A numeric value is drawn as in Private-GSD HEAD's
 * {@code mutate} (Liu et al. 2023; {@code mutation_strategies.py}): a bin uniformly, then a value
 * uniformly inside it (a whole number for integer columns); a nudge moves a value by Gaussian steps of
 * its bin's width and clips it to the bounds. Only public bounds and bins are used.
 */
public final class ValueSampler {
  private final DomainLayout layout;

  public ValueSampler(DomainLayout layout) {
    this.layout = layout;
  }

  /** Writes a uniformly drawn value of {@code column} into {@code rows} at {@code row}. */
  void uniform(int column, SplittableRandom random, SyntheticRows rows, int row) {
    if (layout.isDiscrete(column)) {
      rows.set(row, column, random.nextInt(layout.codes(column)), 0);
    } else {
      double v = inBin(column, random.nextInt(layout.codes(column)), random);
      rows.set(row, column, layout.binOf(column, v), v);
    }
  }

  /** A uniformly drawn code of a discrete column. */
  int code(int column, SplittableRandom random) {
    return random.nextInt(layout.codes(column));
  }

  /** A value of numeric column {@code column} drawn uniformly inside a uniformly drawn bin. */
  public double numeric(int column, SplittableRandom random) {
    return inBin(column, random.nextInt(layout.codes(column)), random);
  }

  /** A value of numeric column {@code column} drawn uniformly inside bin {@code bin}. */
  public double inBin(int column, int bin, SplittableRandom random) {
    double lo = layout.binLow(column, bin);
    double hi = layout.binHigh(column, bin);
    boolean last = bin == layout.codes(column) - 1;
    if (!layout.isInteger(column)) {
      double v = lo + random.nextDouble() * (hi - lo);
      return Math.min(v, layout.max(column));
    }
    long first = (long) Math.ceil(lo);
    long end = last ? (long) Math.floor(hi) : (long) Math.ceil(hi) - 1;
    if (end < first) {
      // A bin narrower than one step holds no whole number: draw over the whole range instead.
      first = (long) layout.min(column);
      end = (long) layout.max(column);
    }
    return first + random.nextLong(end - first + 1);
  }

  /** {@code v} moved by a Gaussian step of its bin's width, clipped to the bounds (rounded if integer). */
  double nudge(int column, double v, SplittableRandom random) {
    int bin = layout.binOf(column, v);
    double width = layout.binHigh(column, bin) - layout.binLow(column, bin);
    double moved = v + random.nextGaussian() * width;
    double clipped = Math.max(layout.min(column), Math.min(layout.max(column), moved));
    // + 0.0: rint(-0.3) is -0.0, which prints as 0 but would compare below it.
    return layout.isInteger(column) ? Math.rint(clipped) + 0.0 : clipped;
  }
}
