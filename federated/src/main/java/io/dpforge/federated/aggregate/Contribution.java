package io.dpforge.federated.aggregate;

import io.dpforge.federated.core.ClientId;

/**
 * One client's update entering a cohort.
 *
 * @param client who sent it
 * @param delta Δ_i = θ_i,K − θ^{ρ_i}, as received
 * @param factor the per-client part of ω_i (d_i · s(τ_i)); the cohort scale is applied at seal time
 * @param staleness τ_i: versions between the update's base model and the model it is applied to
 * @param numExamples local examples behind it
 */
public record Contribution(ClientId client, float[] delta, double factor, long staleness, long numExamples) {}
