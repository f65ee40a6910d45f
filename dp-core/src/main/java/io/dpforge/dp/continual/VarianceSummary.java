package io.dpforge.dp.continual;

/**
 * The variance coefficients of a counter over its horizon (unit sensitivity, ρ = 1/2).
 *
 * @param max V_max = max_t V_t
 * @param mean V_mean = (1/T)·Σ_t V_t
 */
public record VarianceSummary(double max, double mean) {}
