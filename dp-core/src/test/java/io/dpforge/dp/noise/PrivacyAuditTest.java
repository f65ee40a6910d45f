package io.dpforge.dp.noise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.random.Randomness;
import io.dpforge.dp.select.ExponentialMechanism;
import io.dpforge.dp.testing.PrivacyAudit;
import io.dpforge.dp.testing.PrivacyAudit.Verdict;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Statistical privacy audits (see {@link PrivacyAudit}): each mechanism passes on neighbouring inputs at
 * its claimed ε (and δ), and the same test catches a deliberately broken version with half the noise.
 * Confidence: z = 5.5 per bucket bound, so a correct mechanism fails with probability below 3e-6; the
 * seeds are fixed.
 */
class PrivacyAuditTest {
  private static final int SAMPLES = 200_000;
  private static final double Z = 5.5;
  /** Buckets of width 0.5 over [-6, 7], plus one below and one above. */
  private static final double[] EDGES = IntStream.rangeClosed(0, 26).mapToDouble(i -> -6 + 0.5 * i).toArray();

  private static Verdict auditScalar(java.util.function.DoubleUnaryOperator mechanism, double epsilon, double delta) {
    return PrivacyAudit.audit(() -> PrivacyAudit.bucket(mechanism.applyAsDouble(0), EDGES),
        () -> PrivacyAudit.bucket(mechanism.applyAsDouble(1), EDGES), EDGES.length + 1, SAMPLES, epsilon, delta, Z);
  }

  @Test
  void laplaceMechanismIsEpsilonDpAndHalfTheNoiseIsCaught() {
    double epsilon = 1;
    LaplaceMechanism honest = LaplaceMechanism.builder().l1Sensitivity(1).epsilon(epsilon)
        .randomness(Randomness.seededNotPrivate(21)).build();
    Verdict ok = auditScalar(honest::addNoise, epsilon, 0);
    assertTrue(ok.passes(), "honest Laplace flagged: " + ok);

    LaplaceMechanism halfNoise = LaplaceMechanism.builder().l1Sensitivity(1).epsilon(2 * epsilon)
        .randomness(Randomness.seededNotPrivate(22)).build();
    Verdict broken = auditScalar(halfNoise::addNoise, epsilon, 0);
    assertFalse(broken.passes(), "half-noise Laplace not caught: " + broken);
  }

  @Test
  void gaussianMechanismIsEpsilonDeltaDpAndHalfTheNoiseIsCaught() {
    double epsilon = 1;
    double delta = 1e-5;
    GaussianMechanism honest = GaussianMechanism.builder().l2Sensitivity(1).epsilonDelta(epsilon, delta)
        .randomness(Randomness.seededNotPrivate(23)).build();
    Verdict ok = auditScalar(honest::addNoise, epsilon, delta);
    assertTrue(ok.passes(), "honest Gaussian flagged: " + ok);

    GaussianMechanism halfNoise = GaussianMechanism.builder().l2Sensitivity(1).sigma(honest.sigma() / 2)
        .randomness(Randomness.seededNotPrivate(24)).build();
    Verdict broken = auditScalar(halfNoise::addNoise, epsilon, delta);
    assertFalse(broken.passes(), "half-noise Gaussian not caught: " + broken);
  }

  /**
   * Utilities (0, 1, …, 1) and their neighbour (1, 0, …, 0) with 50 ones: each moves by at most Δ = 1
   * and the normaliser moves against candidate 0, so P[0] changes by nearly e^ε (7.06 against e² = 7.39)
   * and the bound is almost tight. Outputs are bucketed as "candidate 0" or "another" (post-processing).
   */
  @Test
  void exponentialMechanismIsEpsilonDpAndADoubledExponentIsCaught() {
    double epsilon = 2;
    double[] d = new double[51];
    double[] neighbour = new double[51];
    java.util.Arrays.fill(d, 1);
    d[0] = 0;
    neighbour[0] = 1;
    ExponentialMechanism honest = ExponentialMechanism.builder().epsilon(epsilon).sensitivity(1)
        .randomness(Randomness.seededNotPrivate(25)).build();
    Verdict ok = PrivacyAudit.audit(() -> Math.min(1, honest.select(d)), () -> Math.min(1, honest.select(neighbour)),
        2, SAMPLES / 2, epsilon, 0, Z);
    assertTrue(ok.passes(), "honest EM flagged: " + ok);

    // Broken: claims ε but uses twice the exponent (the monotone form on non-monotone utilities).
    ExponentialMechanism broken = ExponentialMechanism.builder().epsilon(2 * epsilon).sensitivity(1)
        .randomness(Randomness.seededNotPrivate(26)).build();
    Verdict caught = PrivacyAudit.audit(() -> Math.min(1, broken.select(d)), () -> Math.min(1, broken.select(neighbour)),
        2, SAMPLES / 2, epsilon, 0, Z);
    assertFalse(caught.passes(), "half-noise EM not caught: " + caught);
  }
}
