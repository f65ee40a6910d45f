package io.dpforge.federated.core;

/**
 * A published global model: what clients download. The array is shared by every download of the
 * version and must not be modified.
 */
public record ModelSnapshot(ModelVersion version, float[] values) {
  public int dimension() {
    return values.length;
  }

  /** Rounds a double-precision model to the float32 values clients receive. */
  public static ModelSnapshot of(ModelVersion version, double[] model) {
    float[] v = new float[model.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) model[i];
    }
    return new ModelSnapshot(version, v);
  }
}
