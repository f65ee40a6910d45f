package io.dpforge.client.model;

/** A data-independent penalty R(w) added to the mean data loss. */
public interface Regularizer {

  /** No penalty. */
  Regularizer NONE = new Regularizer() {
    @Override
    public double value(double[] w) {
      return 0.0;
    }

    @Override
    public void addGradient(double[] w, double[] gradient) {}

    @Override
    public String toString() {
      return "none";
    }
  };

  double value(double[] w);

  /** gradient += ∇R(w). */
  void addGradient(double[] w, double[] gradient);
}
