package io.dpforge.decentralized.problem;

/** The private objective f_i of one node: smooth and strongly convex on R^d. */
public interface LocalObjective {
  int dim();

  /** Writes ∇f_i(x) into {@code out} (same length as x). Must be safe to call from several threads. */
  void gradient(double[] x, double[] out);
}
