package io.dpforge.federated.aggregate;

/**
 * The server step θ ← θ + η_g·m with m ← β·m + b·S, where S is the released cohort sum and b the
 * weight rule's cohort scale (Fraboni et al. §2 with η_g; FedAvgM's server momentum as in FLSim's
 * FedBuff configuration). With β = 0 this is exactly θ ← θ + η_g Σ_i ω_i Δ_i.
 */
public final class ServerOptimizer {
  private final double learningRate;
  private final double momentum;
  private final double[] velocity;

  public ServerOptimizer(double learningRate, double momentum, int dimension) {
    this.learningRate = learningRate;
    this.momentum = momentum;
    this.velocity = momentum > 0 ? new double[dimension] : null;
  }

  /** Applies one server step to {@code model} in place. */
  public void step(double[] model, double[] sum, double cohortScale) {
    if (velocity == null) {
      double a = learningRate * cohortScale;
      for (int i = 0; i < model.length; i++) {
        model[i] += a * sum[i];
      }
      return;
    }
    for (int i = 0; i < model.length; i++) {
      velocity[i] = momentum * velocity[i] + cohortScale * sum[i];
      model[i] += learningRate * velocity[i];
    }
  }

  /** The momentum buffer (empty without momentum), for checkpoints. */
  public double[] state() {
    return velocity == null ? new double[0] : velocity.clone();
  }

  /** Restores the momentum buffer from a checkpoint. */
  public void restore(double[] state) {
    if (velocity == null) {
      if (state.length != 0) {
        throw new IllegalArgumentException("checkpoint has server momentum but this run has none");
      }
      return;
    }
    if (state.length != velocity.length) {
      throw new IllegalArgumentException("checkpoint momentum has " + state.length + " values, model "
          + velocity.length + " (was it written with server momentum 0?)");
    }
    System.arraycopy(state, 0, velocity, 0, state.length);
  }
}
