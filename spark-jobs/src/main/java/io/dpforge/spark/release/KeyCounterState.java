package io.dpforge.spark.release;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One key's state in the state store: the first tick not yet released, the counts of open ticks, and
 * the counter stream's own state (running sum and noise buffers). Kept as bytes so its size is what the
 * store holds.
 */
final class KeyCounterState {
  long nextTick;
  final TreeMap<Long, Long> pending = new TreeMap<>();
  byte[] stream;

  KeyCounterState(long nextTick, byte[] stream) {
    this.nextTick = nextTick;
    this.stream = stream;
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + stream.length + 16 * pending.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(nextTick);
      out.writeInt(pending.size());
      for (Map.Entry<Long, Long> e : pending.entrySet()) {
        out.writeLong(e.getKey());
        out.writeLong(e.getValue());
      }
      out.writeInt(stream.length);
      out.write(stream);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static KeyCounterState decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      long next = in.readLong();
      int n = in.readInt();
      TreeMap<Long, Long> pending = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        pending.put(in.readLong(), in.readLong());
      }
      byte[] stream = new byte[in.readInt()];
      in.readFully(stream);
      KeyCounterState s = new KeyCounterState(next, stream);
      s.pending.putAll(pending);
      return s;
    } catch (IOException e) {
      throw new IllegalStateException("corrupt counter state in the state store", e);
    }
  }
}
