package io.dpforge.federated.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encodes float32 vectors as the wire's little-endian chunks and decodes them back. */
public final class Float32Chunks {
  /** Default values per chunk: 256 Ki floats = 1 MiB, the low end of the 1-4 MiB range. */
  public static final int DEFAULT_CHUNK_VALUES = 1 << 18;
  /** Largest chunk accepted: 4 MiB of values. */
  public static final int MAX_CHUNK_VALUES = 1 << 20;
  /** Inbound message limit: the largest chunk plus headroom for the message framing. */
  public static final int MAX_MESSAGE_BYTES = 4 * MAX_CHUNK_VALUES + (64 << 10);

  private Float32Chunks() {}

  /** Clamps a requested chunk size (0 or negative: the default) to [1, MAX_CHUNK_VALUES]. */
  public static int chunkValues(int requested) {
    return requested <= 0 ? DEFAULT_CHUNK_VALUES : Math.min(requested, MAX_CHUNK_VALUES);
  }

  /** Values {@code [from, from + count)} of {@code v} as little-endian bytes. */
  public static ByteString encode(float[] v, int from, int count) {
    ByteBuffer b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v, from, count);
    return UnsafeByteOperations.unsafeWrap(b.array());
  }

  /** Copies little-endian float32 bytes into {@code target} starting at {@code offset}. */
  public static void decodeInto(ByteString bytes, float[] target, int offset) {
    if (bytes.size() % 4 != 0) {
      throw new IllegalArgumentException("chunk of " + bytes.size() + " bytes is not whole float32 values");
    }
    ByteBuffer b = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().get(target, offset, bytes.size() / 4);
  }
}
