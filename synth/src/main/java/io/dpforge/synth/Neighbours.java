package io.dpforge.synth;

/**
 * The neighbouring relation the privacy guarantee is stated for (the brief's §5.2: the choice changes
 * σ by √2 and must be stated with every result).
 */
public enum Neighbours {
  /**
   * Add or remove one row (unbounded DP, as AIM and MST in private-pgm). Counts are noised with L2
   * sensitivity 1 per query set; the row count N is private, so a small share of ρ buys a noisy N.
   */
  ADD_REMOVE("add-remove"),
  /**
   * Replace one row (bounded DP, as Private-GSD's code). N is public; a query set's count vector moves
   * by one in two cells, so its L2 sensitivity is √2 (√2/N on fractions).
   */
  REPLACE_ONE("replace-one");

  private final String label;

  Neighbours(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** L2 sensitivity of one query set's count vector (each row satisfies at most one of its queries). */
  public double countSensitivity() {
    return this == ADD_REMOVE ? 1.0 : Math.sqrt(2.0);
  }

  /** Sensitivity of an L1 error score of one set against fixed synthetic answers (counts). */
  public double l1ScoreSensitivity() {
    return this == ADD_REMOVE ? 1.0 : 2.0;
  }

  /** Whether the row count is public under this relation. */
  public boolean publicRowCount() {
    return this == REPLACE_ONE;
  }

  /** Parses {@code add-remove} or {@code replace-one}. */
  public static Neighbours parse(String text) {
    for (Neighbours n : values()) {
      if (n.label.equals(text)) {
        return n;
      }
    }
    throw new io.dpforge.dp.data.InvalidInputException("unknown neighbouring relation '" + text
        + "' (expected add-remove or replace-one)");
  }
}
