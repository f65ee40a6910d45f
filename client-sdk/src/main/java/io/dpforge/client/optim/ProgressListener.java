package io.dpforge.client.optim;

/** Told about the progress of a long training run (for a progress bar); called from the training thread. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (done, total) -> { };

  /** {@code done} of {@code total} steps are finished. */
  void onProgress(long done, long total);
}
