package io.dpforge.federated.core;

import java.util.HashMap;
import java.util.Map;

/**
 * The current model version and which earlier versions are still known. A restart from a checkpoint
 * opens a new generation whose numbering continues from the checkpoint; versions of an earlier
 * generation are known up to the number that generation handed to its successor, and the ones after it
 * were lost with the crash. Guarded by the coordinator's lock.
 */
final class VersionLineage {
  private final long generation;
  /** For each earlier generation, the last version number it shares with this one. */
  private final Map<Long, Long> lineage;
  private ModelVersion current;

  private VersionLineage(long generation, Map<Long, Long> lineage, long number) {
    this.generation = generation;
    this.lineage = lineage;
    this.current = new ModelVersion(generation, number);
  }

  /** A new run at version 0 of generation 0. */
  static VersionLineage fresh() {
    return new VersionLineage(0, new HashMap<>(), 0);
  }

  /** The generation after a checkpoint written by {@code generation} at version {@code number}. */
  static VersionLineage resumed(long generation, long number, Map<Long, Long> earlier) {
    Map<Long, Long> lineage = new HashMap<>(earlier);
    lineage.put(generation, number);
    return new VersionLineage(generation + 1, lineage, number);
  }

  long generation() {
    return generation;
  }

  ModelVersion current() {
    return current;
  }

  /** The version after the next server step. */
  ModelVersion next() {
    return current.next();
  }

  void advance() {
    current = current.next();
  }

  Map<Long, Long> earlierGenerations() {
    return Map.copyOf(lineage);
  }

  /**
   * τ = current − base, after checking that {@code base} was issued in this lineage.
   *
   * @throws UpdateRejectedException UNKNOWN_BASE_VERSION for a version never issued or lost in a restart
   */
  long staleness(String updateId, ModelVersion base) {
    boolean known = base.generation() == generation
        ? base.number() <= current.number()
        : lineage.containsKey(base.generation()) && base.number() <= lineage.get(base.generation());
    if (!known) {
      throw new UpdateRejectedException(UpdateRejectedException.Reason.UNKNOWN_BASE_VERSION, "update " + updateId
          + " is based on version " + base + ", which this coordinator never issued or lost in a restart"
          + " (current: " + current + "); fetch the model again");
    }
    return current.number() - base.number();
  }

  /** Whether the current model satisfies a fetch for at least {@code min} (any earlier generation does). */
  boolean satisfies(ModelVersion min) {
    return min.generation() != generation || min.number() <= current.number();
  }

  /** {@code min}, raised to version {@code number} of this generation if it asks for less. */
  ModelVersion atLeast(ModelVersion min, long number) {
    return min.generation() != generation || min.number() < number ? new ModelVersion(generation, number) : min;
  }
}
