package io.dpforge.federated.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An update whose values are streaming in. Chunks are checked as they arrive (position, size, finite
 * values) and written into a float32 buffer of the update's size, so a dropped upload resumes at
 * {@link #received()} and a broken one never reaches a cohort. Only the transport thread of the
 * current stream writes to it.
 */
public final class StagedUpload {
  private final ClientId client;
  private final UpdateHeader header;
  private final float[] values;
  private final long createdNanos;
  private volatile int received;
  private volatile long lastActivityNanos;

  StagedUpload(ClientId client, UpdateHeader header, int dimension, long nowNanos) {
    this.client = client;
    this.header = header;
    this.values = new float[dimension];
    this.createdNanos = nowNanos;
    this.lastActivityNanos = nowNanos;
  }

  public ClientId client() {
    return client;
  }

  public UpdateHeader header() {
    return header;
  }

  public int received() {
    return received;
  }

  public boolean isComplete() {
    return received == values.length;
  }

  long createdNanos() {
    return createdNanos;
  }

  long lastActivityNanos() {
    return lastActivityNanos;
  }

  long bytes() {
    return 4L * values.length;
  }

  float[] values() {
    return values;
  }

  /**
   * SHA-256 of the complete update as it travels (float32, little-endian), to compare with the digest the
   * client signed.
   */
  public byte[] sha256() {
    return UpdateDigest.of(values);
  }

  void touch(long nowNanos) {
    lastActivityNanos = nowNanos;
  }

  /**
   * Appends little-endian float32 values that start at {@code offset}.
   *
   * @throws UpdateRejectedException MALFORMED when the chunk does not continue where the last one
   *     ended, OVER_SIZE past the dimension, NOT_FINITE for NaN or infinity (naming the index)
   */
  public void append(long offset, ByteBuffer float32le) {
    if (offset != received) {
      throw new UpdateRejectedException(UpdateRejectedException.Reason.MALFORMED,
          "update " + header.updateId() + ": chunk starts at value " + offset + ", expected " + received);
    }
    if (float32le.remaining() % 4 != 0) {
      throw new UpdateRejectedException(UpdateRejectedException.Reason.MALFORMED,
          "update " + header.updateId() + ": chunk of " + float32le.remaining() + " bytes is not whole float32s");
    }
    int n = float32le.remaining() / 4;
    if ((long) received + n > values.length) {
      throw new UpdateRejectedException(UpdateRejectedException.Reason.OVER_SIZE,
          "update " + header.updateId() + ": over-size, values " + received + ".." + (received + n)
              + " exceed the model dimension " + values.length);
    }
    ByteBuffer b = float32le.slice().order(ByteOrder.LITTLE_ENDIAN);
    int start = received;
    for (int i = 0; i < n; i++) {
      float v = b.getFloat();
      if (!Float.isFinite(v)) {
        throw new UpdateRejectedException(UpdateRejectedException.Reason.NOT_FINITE,
            "update " + header.updateId() + ": value " + (start + i) + " is " + v + "; updates must be finite");
      }
      values[start + i] = v;
    }
    received = start + n;
  }
}
