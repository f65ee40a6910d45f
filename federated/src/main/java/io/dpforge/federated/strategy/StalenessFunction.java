package io.dpforge.federated.strategy;

/**
 * The FedBuff staleness discount s(τ), a multiplicative factor on a client's aggregation weight
 * (Nguyen et al., AISTATS 2022, §3; FLSim {@code PolynomialStalenessWeight}).
 */
public sealed interface StalenessFunction {

  /** s(τ) for an update computed on a model {@code staleness} versions old. */
  double weight(long staleness);

  /** Command-line spelling: {@code constant} or {@code poly:A}. */
  String spec();

  /** s(τ) = 1: no discount. */
  record Constant() implements StalenessFunction {
    @Override
    public double weight(long staleness) {
      return 1.0;
    }

    @Override
    public String spec() {
      return "constant";
    }
  }

  /** s(τ) = (1 + τ)^(−a), a ∈ [0, 1]; FedBuff uses a = 1/2. */
  record Polynomial(double exponent) implements StalenessFunction {
    public Polynomial {
      if (!(exponent >= 0 && exponent <= 1)) {
        throw new IllegalArgumentException("polynomial staleness exponent must be in [0, 1], got " + exponent);
      }
    }

    @Override
    public double weight(long staleness) {
      return Math.pow(1.0 + staleness, -exponent);
    }

    @Override
    public String spec() {
      return "poly:" + exponent;
    }
  }

  /** Parses {@code constant} or {@code poly:A}. */
  static StalenessFunction parse(String spec) {
    String s = spec.trim();
    if (s.equals("constant")) {
      return new Constant();
    }
    if (s.startsWith("poly:")) {
      try {
        return new Polynomial(Double.parseDouble(s.substring(5)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("staleness 'poly:A' needs a number A, got '" + spec + "'");
      }
    }
    throw new IllegalArgumentException("staleness must be 'constant' or 'poly:A' (A in [0, 1]), got '" + spec + "'");
  }
}
