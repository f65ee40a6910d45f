package io.dpforge.client.optim;

import io.dpforge.client.compute.ComputeBackend;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;

/**
 * The options every private optimizer's builder shares: δ, the source of sampling and noise, the
 * ledger, the compute backend and the progress listener.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class PrivateOptimizerBuilder<B extends PrivateOptimizerBuilder<B>> {
  double delta = Double.NaN;
  Randomness randomness;
  PrivacyLedger ledger;
  ComputeBackend backend;
  ProgressListener progress = ProgressListener.NONE;

  PrivateOptimizerBuilder() {}

  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }

  /** δ of the guarantee (required). */
  public B delta(double delta) {
    Checks.probability("delta", delta);
    this.delta = delta;
    return self();
  }

  /** Source of the sampling and the noise (required: Randomness.secure(), or a seeded one for tests). */
  public B randomness(Randomness randomness) {
    this.randomness = randomness;
    return self();
  }

  /**
   * The ledger every query is charged to before it touches the data (default: a fresh ledger holding
   * exactly this run's budget).
   */
  public B ledger(PrivacyLedger ledger) {
    this.ledger = ledger;
    return self();
  }

  /** The compute backend of the gradients (default: the model's). */
  public B backend(ComputeBackend backend) {
    this.backend = backend;
    return self();
  }

  public B progress(ProgressListener progress) {
    this.progress = progress;
    return self();
  }

  /** Rejects a configuration without δ or without a declared source of randomness. */
  final void checkPrivacyOptions(String algorithm) {
    if (Double.isNaN(delta)) {
      throw new IllegalArgumentException(algorithm + " needs delta(δ)");
    }
    if (randomness == null) {
      throw new IllegalArgumentException(algorithm + " needs randomness(Randomness.secure()) (or a seeded, not"
          + " private, source for tests)");
    }
  }

  /**
   * The options of optimizers whose noise is either given or calibrated to a target ε over the exact
   * composition the ledger will hold.
   */
  public abstract static class Calibrated<B extends Calibrated<B>> extends PrivateOptimizerBuilder<B> {
    Double noiseMultiplier;
    Double targetEpsilon;

    Calibrated() {}

    /** Use this noise multiplier z (noise std z·C on a sum of contributions clipped to C). */
    public B noiseMultiplier(double z) {
      Checks.positive("noiseMultiplier", z);
      this.noiseMultiplier = z;
      return self();
    }

    /** Calibrate the noise so that the composition of all queries is (ε, δ)-DP. */
    public B targetEpsilon(double epsilon) {
      Checks.positive("targetEpsilon", epsilon);
      this.targetEpsilon = epsilon;
      return self();
    }

    /** Also requires exactly one of a noise multiplier and a target ε. */
    final void checkCalibration(String algorithm) {
      if ((noiseMultiplier == null) == (targetEpsilon == null)) {
        throw new IllegalArgumentException(algorithm + " needs exactly one of noiseMultiplier(z) or targetEpsilon(ε)");
      }
      checkPrivacyOptions(algorithm);
    }
  }
}
