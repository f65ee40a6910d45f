package io.dpforge.federated.core;

/**
 * How the importance p_i of each client in the objective Σ_i p_i L_i is set (Fraboni et al. §2).
 * Both sum to 1 over the registered clients.
 */
public enum Importance {
  /** p_i = 1/M, as in all of Fraboni et al.'s experiments. */
  UNIFORM,
  /** p_i = n_i / Σ_j n_j, the data ratio (uses the example counts clients report). */
  EXAMPLES;

  public static Importance parse(String s) {
    return switch (s) {
      case "uniform" -> UNIFORM;
      case "examples" -> EXAMPLES;
      default -> throw new IllegalArgumentException("importance must be 'uniform' or 'examples', got '" + s + "'");
    };
  }
}
