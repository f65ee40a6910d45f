package io.dpforge.federated.core;

/**
 * What the coordinator does with a new upload stream: stage it, or acknowledge a duplicate without
 * staging anything.
 *
 * @param upload where the values go (null for a duplicate)
 * @param duplicate the result to return once the stream ends, for an update already accepted
 */
public record UploadStart(StagedUpload upload, SubmitResult duplicate) {
  public boolean isDuplicate() {
    return duplicate != null;
  }
}
