package io.dpforge.federated.core;

/**
 * How much of an update the coordinator holds.
 *
 * @param kind unknown (start again), partial (resume at {@code receivedValues}) or complete
 * @param receivedValues values held so far
 */
public record UploadState(Kind kind, long receivedValues) {
  /** Whether an upload is known. */
  public enum Kind { UNKNOWN, PARTIAL, COMPLETE }
}
