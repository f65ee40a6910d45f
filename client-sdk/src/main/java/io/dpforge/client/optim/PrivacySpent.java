package io.dpforge.client.optim;

/**
 * The (ε, δ) guarantee of a training run.
 *
 * @param epsilon ε spent (0 for non-private training)
 * @param delta δ
 * @param accountant how ε was computed, e.g. {@code rdp} or {@code pld}; {@code none} when not private
 * @param notPrivate true when the noise came from a seeded generator: reproducible, and NOT private
 */
public record PrivacySpent(double epsilon, double delta, String accountant, boolean notPrivate) {
  /** Non-private training. */
  public static final PrivacySpent NONE = new PrivacySpent(0.0, 0.0, "none", false);

  public boolean isPrivate() {
    return !"none".equals(accountant);
  }
}
