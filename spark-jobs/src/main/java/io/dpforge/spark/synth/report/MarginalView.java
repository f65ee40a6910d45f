package io.dpforge.spark.synth.report;

import java.util.List;

/**
 * One chart of the report: a 1- or 2-way marginal as the noisy measurements estimate it and as the
 * synthetic data answers it, both as fractions of rows.
 *
 * @param title e.g. {@code region} or {@code region × smsa}
 * @param cells the cell labels
 * @param noisy the noisy estimate per cell (post-processed releases only)
 * @param noiseSd standard deviation of the Gaussian noise on each noisy estimate (before clipping)
 * @param synthetic the synthetic data's answer per cell
 * @param sources the measured query sets the noisy estimate was projected from
 */
public record MarginalView(String title, List<String> cells, double[] noisy, double noiseSd, double[] synthetic,
    List<String> sources) {}
