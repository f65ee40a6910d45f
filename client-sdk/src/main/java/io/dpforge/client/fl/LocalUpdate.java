package io.dpforge.client.fl;

/**
 * What local training produced: Δ = θ_trained − θ_base, and how many local examples it used.
 *
 * @param delta the update, one value per model parameter
 * @param numExamples local examples behind it
 */
public record LocalUpdate(float[] delta, long numExamples) {
  /** Narrows a double-precision update (the client SDK's optimizers produce doubles). */
  public static LocalUpdate of(double[] delta, long numExamples) {
    float[] f = new float[delta.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) delta[i];
    }
    return new LocalUpdate(f, numExamples);
  }
}
