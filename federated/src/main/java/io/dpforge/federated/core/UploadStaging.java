package io.dpforge.federated.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The uploads in flight, keyed by client and update id, within a memory budget. A dropped upload stays
 * here for a resume window so the client can continue where it stopped; past the budget new uploads are
 * refused with a retry delay (back-pressure). Not thread-safe: the coordinator holds its lock.
 */
final class UploadStaging {
  private record Key(ClientId client, String updateId) {}

  private final Map<Key, StagedUpload> uploads = new HashMap<>();
  private final long budgetBytes;
  private final Duration resumeWindow;
  private final Duration retryAfter;
  private long stagedBytes;

  UploadStaging(long budgetBytes, Duration resumeWindow, Duration retryAfter) {
    this.budgetBytes = budgetBytes;
    this.resumeWindow = resumeWindow;
    this.retryAfter = retryAfter;
  }

  Optional<StagedUpload> find(ClientId client, String updateId) {
    return Optional.ofNullable(uploads.get(new Key(client, updateId)));
  }

  /** Reserves memory for a new upload, or throws {@link OverloadedException} with a retry delay. */
  StagedUpload open(ClientId client, UpdateHeader header, int dimension, long nowNanos) {
    long bytes = 4L * dimension;
    if (stagedBytes + bytes > budgetBytes && !uploads.isEmpty()) {
      throw new OverloadedException("coordinator is staging " + stagedBytes + " bytes of uploads (budget "
          + budgetBytes + "); retry after " + retryAfter.toMillis() + " ms", retryAfter);
    }
    StagedUpload u = new StagedUpload(client, header, dimension, nowNanos);
    uploads.put(new Key(client, header.updateId()), u);
    stagedBytes += bytes;
    return u;
  }

  /** Forgets an upload (completed, rejected or expired) and frees its memory. */
  void remove(StagedUpload u) {
    if (uploads.remove(new Key(u.client(), u.header().updateId())) == u) {
      stagedBytes -= u.bytes();
    }
  }

  /** Drops uploads idle for longer than the resume window. */
  int expire(long nowNanos) {
    int n = 0;
    for (Iterator<StagedUpload> it = uploads.values().iterator(); it.hasNext(); ) {
      StagedUpload u = it.next();
      if (nowNanos - u.lastActivityNanos() > resumeWindow.toNanos()) {
        it.remove();
        stagedBytes -= u.bytes();
        n++;
      }
    }
    return n;
  }

  long stagedBytes() {
    return stagedBytes;
  }
}
