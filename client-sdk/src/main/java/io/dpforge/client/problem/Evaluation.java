package io.dpforge.client.problem;

/**
 * How good a parameter vector is, computed non-privately on the full data for evaluation only.
 *
 * @param gradientNorm ‖∇F(w; S)‖ on the whole training set (the stationarity measure)
 * @param loss F(w; S), including the regulariser
 * @param testAccuracy accuracy on the held-out test set
 */
public record Evaluation(double gradientNorm, double loss, double testAccuracy) {}
