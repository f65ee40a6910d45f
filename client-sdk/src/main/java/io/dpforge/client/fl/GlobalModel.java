package io.dpforge.client.fl;

import io.dpforge.federated.core.ModelVersion;

/**
 * A global model handed to this client to train on.
 *
 * @param version its version (the update's base version)
 * @param assignmentId the coordinator's id of this piece of work
 * @param values the float32 parameters (the client's own copy)
 * @param localSteps local steps the coordinator asks for (0: the client's own choice)
 */
public record GlobalModel(ModelVersion version, String assignmentId, float[] values, int localSteps) {
  /** The parameters widened to double, as the client SDK's models take them. */
  public double[] parameters() {
    double[] w = new double[values.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = values[i];
    }
    return w;
  }
}
