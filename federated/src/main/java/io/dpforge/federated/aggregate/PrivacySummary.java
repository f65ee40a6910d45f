package io.dpforge.federated.aggregate;

/**
 * Where a run stands with its privacy budget, for status and results.
 *
 * @param seededNotPrivate noise came from the seeded, reproducible source: the run is NOT private
 * @param rhoSpent zCDP ρ spent by the most-participating client (participation-bounded accounting)
 * @param epsilonSpent the (ε, δ) equivalent of {@code rhoSpent}
 * @param delta δ of the conversion
 * @param clipNorm the current bound C on a weighted contribution
 * @param noiseMultiplier z: noise standard deviation z·C on each aggregate
 * @param maxParticipations aggregates one client may contribute to
 */
public record PrivacySummary(boolean seededNotPrivate, double rhoSpent, double epsilonSpent, double delta,
    double clipNorm, double noiseMultiplier, int maxParticipations) {}
