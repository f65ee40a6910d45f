package io.dpforge.dp.continual;

import java.util.List;
import java.util.Locale;

/** Builds a counter from its command-line name: tree, honaker, smooth, sqrt, blt or blt:m. */
public final class CounterMechanisms {
  /** Buffers of a plain {@code blt}: 4 reaches 1.031× the square root's V_max at T = 2^20 (brief §b.7). */
  public static final int DEFAULT_BLT_BUFFERS = 4;

  /** Every name {@link #parse} accepts, for help texts. */
  public static final List<String> NAMES = List.of("tree", "honaker", "smooth", "sqrt", "blt", "blt:m");

  private CounterMechanisms() {}

  /**
   * The mechanism named {@code name} for horizon T.
   *
   * @throws IllegalArgumentException naming the accepted names if {@code name} is not one of them
   */
  public static CounterMechanism parse(String name, long horizon) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "tree":
        return BinaryTreeMechanism.withHorizon(horizon);
      case "honaker":
        return HonakerTreeMechanism.withHorizon(horizon);
      case "smooth":
        return SmoothBinaryMechanism.withHorizon(horizon);
      case "sqrt":
        return SquareRootMechanism.withHorizon(horizon);
      case "blt":
        return BltMechanism.fitted(DEFAULT_BLT_BUFFERS, horizon);
      default:
        if (n.startsWith("blt:")) {
          int buffers;
          try {
            buffers = Integer.parseInt(n.substring(4));
          } catch (NumberFormatException e) {
            throw unknown(name);
          }
          return BltMechanism.fitted(buffers, horizon);
        }
        throw unknown(name);
    }
  }

  private static IllegalArgumentException unknown(String name) {
    return new IllegalArgumentException("unknown mechanism '" + name + "': expected one of tree, honaker, smooth,"
        + " sqrt, blt, blt:m (m buffers, 1 to 8)");
  }
}
