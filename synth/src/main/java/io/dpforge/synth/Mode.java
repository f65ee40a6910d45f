package io.dpforge.synth;

/** How the workload is measured (Liu et al. 2023, §4). */
public enum Mode {
  /** Measure every query set once with the Gaussian mechanism, then fit (Private-GSD HEAD). */
  ONE_SHOT("oneshot"),
  /**
   * T rounds of private selection of the worst-fit query sets (one-shot Gumbel top-K) and Gaussian
   * measurement, the genetic algorithm warm-started after each round (the paper's ICML code).
   */
  ADAPTIVE("adaptive");

  private final String label;

  Mode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Mode parse(String text) {
    for (Mode m : values()) {
      if (m.label.equals(text)) {
        return m;
      }
    }
    throw new io.dpforge.dp.data.InvalidInputException("unknown mode '" + text + "' (expected oneshot or adaptive)");
  }
}
