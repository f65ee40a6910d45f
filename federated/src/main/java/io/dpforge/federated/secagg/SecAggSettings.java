package io.dpforge.federated.secagg;

import java.time.Duration;
import java.util.Objects;

/**
 * How a coordinator runs secure aggregation.
 *
 * @param threat what each cohort must withstand; the neighbour degree and threshold follow from it per
 *     cohort size ({@link GraphChoice#choose}) unless fixed below
 * @param modulus 2^b for the masked vectors (b = 32: as many bytes per value as float32)
 * @param valueRange R: the range of a weighted coordinate without central DP, per unit of the cohort's
 *     largest weight factor (coordinates beyond it are clipped); under central DP the range is the clip norm
 * @param stageTimeout how long a round waits for members before it goes on without them
 * @param fixedDegree neighbour degree k to use instead of the threat model's choice (0: choose)
 * @param fixedThreshold threshold t to use with {@code fixedDegree} (0: choose)
 */
public record SecAggSettings(ThreatModel threat, Modulus modulus, double valueRange, Duration stageTimeout,
    int fixedDegree, int fixedThreshold) {

  public SecAggSettings {
    Objects.requireNonNull(threat, "threat model");
    Objects.requireNonNull(modulus, "modulus");
    Objects.requireNonNull(stageTimeout, "stage timeout");
    if (!(valueRange > 0) || !Double.isFinite(valueRange)) {
      throw new IllegalArgumentException("the value range must be finite and > 0, got " + valueRange);
    }
    if (stageTimeout.isNegative() || stageTimeout.isZero()) {
      throw new IllegalArgumentException("the stage timeout must be positive, got " + stageTimeout);
    }
    if ((fixedDegree == 0) != (fixedThreshold == 0) || fixedDegree < 0 || fixedThreshold < 0) {
      throw new IllegalArgumentException("give both a neighbour degree and a threshold, or neither; got "
          + fixedDegree + " and " + fixedThreshold);
    }
  }

  /** The threat model's defaults, 32-bit modulus, range 8, 30 s per round. */
  public static SecAggSettings defaults() {
    return new SecAggSettings(ThreatModel.DEFAULT, new Modulus(32), 8.0, Duration.ofSeconds(30), 0, 0);
  }

  public SecAggSettings withStageTimeout(Duration d) {
    return new SecAggSettings(threat, modulus, valueRange, d, fixedDegree, fixedThreshold);
  }

  public SecAggSettings withThreat(ThreatModel t) {
    return new SecAggSettings(t, modulus, valueRange, stageTimeout, fixedDegree, fixedThreshold);
  }

  public SecAggSettings withGraph(int degree, int threshold) {
    return new SecAggSettings(threat, modulus, valueRange, stageTimeout, degree, threshold);
  }

  public SecAggSettings withModulus(Modulus m) {
    return new SecAggSettings(threat, m, valueRange, stageTimeout, fixedDegree, fixedThreshold);
  }

  public SecAggSettings withValueRange(double r) {
    return new SecAggSettings(threat, modulus, r, stageTimeout, fixedDegree, fixedThreshold);
  }

  /** The graph for a cohort of n members. */
  public GraphChoice graphFor(int n) {
    return fixedDegree == 0 ? GraphChoice.choose(n, threat) : GraphChoice.fixed(n, fixedDegree, fixedThreshold, threat);
  }
}
