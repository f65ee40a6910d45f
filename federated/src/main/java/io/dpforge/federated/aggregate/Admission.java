package io.dpforge.federated.aggregate;

import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.ModelVersion;

/**
 * A client admitted to a masked cohort before any of its values arrive: under secure aggregation the
 * coordinator decides the weight factor up front, the client multiplies it in and masks, and only the
 * cohort's sum is ever unmasked.
 *
 * @param updateId the update the client will contribute (its idempotency id)
 * @param base the model version the update was computed from
 * @param assignmentId the work assignment it answers ("" when unknown)
 * @param factor the per-client part of ω_i, as for {@link Contribution#factor()}
 * @param staleness τ_i at admission
 * @param numExamples local examples behind the update
 */
public record Admission(ClientId client, String updateId, ModelVersion base, String assignmentId, double factor,
    long staleness, long numExamples) {}
