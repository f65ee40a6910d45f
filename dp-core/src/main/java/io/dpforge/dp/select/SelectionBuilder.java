package io.dpforge.dp.select;

import io.dpforge.dp.noise.Preconditions;
import io.dpforge.dp.random.Randomness;

/**
 * The parameters every selection mechanism shares: ε, the utility sensitivity Δ (largest change of any
 * one utility between neighbouring datasets), whether utilities are monotone (all move in the same
 * direction between neighbours, as counts under add/remove do), and the noise source.
 *
 * @param <B> the concrete builder
 * @param <M> the mechanism it builds
 */
public abstract class SelectionBuilder<B extends SelectionBuilder<B, M>, M> {
  double epsilon = Double.NaN;
  double sensitivity = Double.NaN;
  boolean monotonic;
  Randomness random;

  SelectionBuilder() {}

  /** The privacy parameter ε of one selection (required). */
  public B epsilon(double epsilon) {
    this.epsilon = epsilon;
    return self();
  }

  /** The sensitivity Δ of every utility (required, public). */
  public B sensitivity(double sensitivity) {
    this.sensitivity = sensitivity;
    return self();
  }

  /** Utilities move in one direction between neighbours: the mechanism may use ε/Δ instead of ε/(2Δ). */
  public B monotonic() {
    this.monotonic = true;
    return self();
  }

  /** The noise source; {@link Randomness#secure()} when not set. */
  public B randomness(Randomness random) {
    this.random = random;
    return self();
  }

  /** Checks the shared parameters and builds. */
  public final M build() {
    Preconditions.positive(getClass().getEnclosingClass().getSimpleName() + " ε", epsilon);
    Preconditions.positive(getClass().getEnclosingClass().getSimpleName() + " sensitivity", sensitivity);
    if (random == null) {
      random = Randomness.secure();
    }
    return create();
  }

  abstract M create();

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** ε/(2Δ), or ε/Δ for monotone utilities: the factor of a utility in the exponent. */
  final double exponentFactor() {
    return monotonic ? epsilon / sensitivity : epsilon / (2 * sensitivity);
  }
}
