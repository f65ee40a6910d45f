package io.dpforge.synth.query;

/** The kinds of statistical queries a workload can hold; reports group errors by class. */
public enum QueryClass {
  /** Counts of the cells of a set of columns (numeric columns at their default bins). */
  MARGINAL("marginal"),
  /** Marginals in which numeric columns are cut at a coarser resolution (default bins grouped 2, 4, ...). */
  RANGE("range"),
  /** Categorical cells crossed with a product of thresholds {@code x_a < t_a} on numeric columns. */
  PREFIX("prefix"),
  /** Categorical cells crossed with a halfspace {@code <w, x> > b} over the scaled row. */
  HALFSPACE("halfspace");

  private final String label;

  QueryClass(String label) {
    this.label = label;
  }

  /** The lower-case name used in specs, reports and JSON. */
  public String label() {
    return label;
  }
}
