package io.dpforge.federated.metrics;

/**
 * One client's realised participation: the bias monitor of research brief §1.10.
 *
 * @param client client id
 * @param contributions updates of this client applied so far
 * @param frequency contributions per server step since it registered (f̂_i)
 * @param meanWeightPerStep Σ of its realised weights ω_i per server step since it registered; unbiased
 *     weights make this ≈ p_i
 * @param importance p_i
 */
public record ClientParticipation(String client, long contributions, double frequency, double meanWeightPerStep,
    double importance) {}
