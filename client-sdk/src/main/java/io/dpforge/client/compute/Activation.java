package io.dpforge.client.compute;

/** Hidden-layer activations. Each derivative is expressed through the activation's output. */
public enum Activation {
  /** tanh: smooth, so per-example gradients match finite differences everywhere. */
  TANH {
    @Override
    public double apply(double z) {
      return Math.tanh(z);
    }

    @Override
    public double derivativeFromOutput(double out) {
      return 1.0 - out * out;
    }
  },
  /** max(0, z); the derivative at 0 is taken as 0. */
  RELU {
    @Override
    public double apply(double z) {
      return z > 0 ? z : 0.0;
    }

    @Override
    public double derivativeFromOutput(double out) {
      return out > 0 ? 1.0 : 0.0;
    }
  };

  public abstract double apply(double z);

  /** f'(z) given f(z). */
  public abstract double derivativeFromOutput(double out);

  /** Parses a command-line name ({@code tanh} or {@code relu}). */
  public static Activation parse(String name) {
    for (Activation a : values()) {
      if (a.name().equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("activation must be tanh or relu, got '" + name + "'");
  }
}
