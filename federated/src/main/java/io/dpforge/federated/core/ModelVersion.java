package io.dpforge.federated.core;

/**
 * A global model version. The generation increases every time the coordinator restarts from a
 * checkpoint, so a version issued before a crash (and lost with it) is never confused with a version
 * issued after the restart that happens to carry the same number.
 */
public record ModelVersion(long generation, long number) {
  public ModelVersion {
    if (generation < 0 || number < 0) {
      throw new IllegalArgumentException("model version parts must be >= 0, got " + generation + "/" + number);
    }
  }

  public ModelVersion next() {
    return new ModelVersion(generation, number + 1);
  }

  @Override
  public String toString() {
    return number + " (generation " + generation + ")";
  }
}
