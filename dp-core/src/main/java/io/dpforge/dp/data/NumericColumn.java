package io.dpforge.dp.data;

import java.util.Arrays;

/**
 * A real-valued (or integer) column with public bounds {@code [min, max]}. Values stay real-valued in
 * tables; {@link #binEdges()} gives the default discretisation that range marginals use, either
 * {@code bins} equal-width bins or explicit edges from the domain file.
 *
 * @param name column name
 * @param min public lower bound (inclusive)
 * @param max public upper bound (inclusive)
 * @param integer whether values must be whole numbers
 * @param binEdges strictly increasing edges from {@code min} to {@code max}; bin i is
 *     {@code [e_i, e_{i+1})}, the last bin also holds {@code max}
 */
public record NumericColumn(String name, double min, double max, boolean integer, double[] binEdges)
    implements Column {
  private static final long serialVersionUID = 1L;

  /** Bins used when the domain file gives none. */
  public static final int DEFAULT_BINS = 16;

  public NumericColumn {
    ColumnNames.check(name);
    if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
      throw new InvalidInputException("column '" + name + "': need finite 'min' < 'max', got min="
          + min + ", max=" + max);
    }
    if (integer && (min != Math.rint(min) || max != Math.rint(max))) {
      throw new InvalidInputException("column '" + name + "': integer column needs whole-number bounds");
    }
    binEdges = binEdges == null ? equalWidthEdges(name, min, max, integer, DEFAULT_BINS) : binEdges.clone();
    checkEdges(name, min, max, binEdges);
  }

  /** A numeric column with {@code bins} equal-width bins (fewer for narrow integer ranges). */
  public static NumericColumn withBins(String name, double min, double max, boolean integer, int bins) {
    return new NumericColumn(name, min, max, integer, equalWidthEdges(name, min, max, integer, bins));
  }

  static double[] equalWidthEdges(String name, double min, double max, boolean integer, int bins) {
    if (bins < 1) {
      throw new InvalidInputException("column '" + name + "': 'bins' must be at least 1, got " + bins);
    }
    // An integer column never gets more bins than it has values.
    int b = integer ? (int) Math.min(bins, max - min + 1) : bins;
    double[] e = new double[b + 1];
    for (int i = 0; i <= b; i++) {
      e[i] = min + (max - min) * i / b;
    }
    e[b] = max;
    return e;
  }

  private static void checkEdges(String name, double min, double max, double[] e) {
    if (e.length < 2 || e[0] != min || e[e.length - 1] != max) {
      throw new InvalidInputException("column '" + name + "': bin edges must start at min=" + min
          + " and end at max=" + max + ", got " + Arrays.toString(e));
    }
    for (int i = 1; i < e.length; i++) {
      if (!(e[i] > e[i - 1])) {
        throw new InvalidInputException("column '" + name + "': bin edges must be strictly increasing, got "
            + Arrays.toString(e));
      }
    }
  }

  @Override
  public double[] binEdges() {
    return binEdges.clone();
  }

  /** Number of default bins. */
  public int bins() {
    return binEdges.length - 1;
  }

  /**
   * Index of the default bin holding {@code v} (values at {@code max} fall in the last bin; -0.0 where
   * 0.0 is, though binary search orders it below).
   */
  public int binOf(double v) {
    int i = Arrays.binarySearch(binEdges, v + 0.0);
    int bin = i >= 0 ? i : -i - 2;
    return Math.max(0, Math.min(bins() - 1, bin));
  }

  /** True when {@code v} is inside the bounds (and whole, for integer columns). */
  public boolean contains(double v) {
    return v >= min && v <= max && (!integer || v == Math.rint(v));
  }

  /** The nearest allowed value: clamped to the bounds and rounded for integer columns. */
  public double clip(double v) {
    double c = Math.max(min, Math.min(max, v));
    return integer ? Math.rint(c) : c;
  }

  @Override
  public String typeName() {
    return "numeric";
  }

  @Override
  public String describeDomain() {
    return (integer ? "an integer" : "a number") + " in [" + fmt(min) + ", " + fmt(max) + "]";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumericColumn c && c.name.equals(name) && c.min == min && c.max == max
        && c.integer == integer && Arrays.equals(c.binEdges, binEdges);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(binEdges);
  }

  @Override
  public String toString() {
    return "numeric " + name + " " + describeDomain();
  }
}
