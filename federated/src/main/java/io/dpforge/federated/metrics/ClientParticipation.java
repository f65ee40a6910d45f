package io.dpforge.federated.metrics;

/**
 * One client's realised participation: the bias monitor of research brief §1.10.
 *
 * @param client client id
 * @param contributions updates of this client applied so far
 * @param frequency contributions per server step since it registered (f̂_i)
 * @param meanWeightPerStep Σ of its realised weights ω_i per server step since it registered; unbiased
 *     weights make this ≈ p_i (short by the update still in flight at the end)
 * @param meanWeightPerCoveredStep the same over the steps up to its last applied update, i.e. over
 *     completed participation intervals (0 before its first)
 * @param importance p_i
 */
public record ClientParticipation(String client, long contributions, double frequency, double meanWeightPerStep,
    double meanWeightPerCoveredStep, double importance) {}
