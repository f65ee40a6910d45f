package io.dpforge.dp.continual;

import java.util.OptionalDouble;

/**
 * A continual counter over a fixed horizon T: after every step t it releases the running sum
 * s_t = x_1 + … + x_t of the counts seen so far, plus correlated noise.
 *
 * <p>Every mechanism here is a factorization A = B·C of the T×T lower-triangular all-ones matrix A
 * (research brief §b): it measures C·x with independent noise z and releases B(Cx + z) = s + Bz. The
 * streams keep the exact running sum and add (Bz)_t separately, as TF Privacy's
 * {@code TreeCumulativeSumQuery} does, so the per-stream state is small and a step's noise is a pure
 * function of the noise draws (see {@link NoiseDraws}).
 *
 * <p>Analysis convention (unit per-step sensitivity, ρ = 1/2, as in the brief's summary table): the
 * variance coefficient is V_t = Δ²·‖row_t(B)‖², where Δ² is the largest squared column norm of C. The
 * Gaussian variant calibrated to ρ-zCDP then has Var[noise_t] = V_t/(2ρ).
 */
public sealed interface CounterMechanism
    permits TreeMechanism, SquareRootMechanism, BltMechanism {

  /** The command-line name: {@code tree}, {@code honaker}, {@code smooth}, {@code sqrt} or {@code blt:m}. */
  String name();

  /** The horizon T: the number of steps the counter can release. */
  long horizon();

  /** Δ²: the largest squared L2 norm of a column of C (the L2 sensitivity² of Cx to one step's count). */
  double sensitivitySquared();

  /** The L1 sensitivity of Cx, present only for mechanisms with a Laplace (pure ε-DP) variant. */
  OptionalDouble l1Sensitivity();

  /** V_t for 1 ≤ t ≤ T (see the class comment). */
  double varianceCoefficient(long t);

  /** V_max = max_t V_t and V_mean = (1/T)·Σ_t V_t, exactly (closed forms where they exist). */
  VarianceSummary varianceSummary();

  /** How much state one stream keeps. */
  StateSize stateSize();

  /**
   * The grid the measurement C·x lives on: integer strategies (the trees) measure integers; the real
   * factorizations (square root, BLT) measure on a finer dyadic grid chosen by the calibration.
   */
  boolean integerStrategy();

  /**
   * Opens a stream that releases noisy running counts.
   *
   * @param grid the grid of the noisy measurement (spacing 1 for integer strategies)
   * @param draws the integer noise for each noise coordinate, in units of the grid
   */
  CounterStream open(NoiseGrid grid, NoiseDraws draws);

  /** Resumes a stream from {@link CounterStream#saveState()} with the same grid and noise draws. */
  CounterStream restore(byte[] state, NoiseGrid grid, NoiseDraws draws);
}
