package io.dpforge.client.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What local training produced.
 *
 * @param parameters the trained parameters (for Private SpiderBoost: the uniformly drawn iterate w̄)
 * @param update parameters − start, the federated update Δ
 * @param steps parameter updates taken
 * @param gradientEvaluations per-example gradient evaluations (a difference ∇f(w) − ∇f(w′) counts 2)
 * @param privacy the privacy spent; {@link PrivacySpent#NONE} for non-private training
 * @param settings the hyperparameters the run used after defaults and calibration (e.g. the calibrated
 *     {@code noise_multiplier}), for reports
 */
public record OptimizationResult(double[] parameters, double[] update, long steps, long gradientEvaluations,
    PrivacySpent privacy, Map<String, Double> settings) {

  public OptimizationResult {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  static OptimizationResult of(double[] start, double[] parameters, long steps, long gradientEvaluations,
      PrivacySpent privacy, Map<String, Double> settings) {
    double[] update = new double[start.length];
    for (int j = 0; j < update.length; j++) {
      update[j] = parameters[j] - start[j];
    }
    return new OptimizationResult(parameters, update, steps, gradientEvaluations, privacy, settings);
  }
}
