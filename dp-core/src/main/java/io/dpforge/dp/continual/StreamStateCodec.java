package io.dpforge.dp.continual;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * The byte layout of saved stream states: a tag naming the mechanism, then fixed fields. The tag makes
 * restoring a state with the wrong mechanism fail loudly instead of releasing garbage.
 */
final class StreamStateCodec {
  private StreamStateCodec() {}

  /** Bytes taken by the tag (modified UTF-8 with a two-byte length). */
  static int tagBytes(String tag) {
    return 2 + tag.length();
  }

  /** Writes one state. */
  static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    Writer(String tag) {
      writeUtf(tag);
    }

    Writer writeLong(long v) {
      try {
        out.writeLong(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer writeDouble(double v) {
      try {
        out.writeDouble(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer writeBigInteger(BigInteger v) {
      byte[] b = v.toByteArray();
      try {
        out.writeShort(b.length);
        out.write(b);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    private void writeUtf(String s) {
      try {
        out.writeUTF(s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    byte[] toBytes() {
      return bytes.toByteArray();
    }
  }

  /** Reads one state, checking its tag. */
  static final class Reader {
    private final DataInputStream in;

    Reader(byte[] state, String expectedTag) {
      this.in = new DataInputStream(new ByteArrayInputStream(state));
      String tag = read(() -> in.readUTF());
      if (!tag.equals(expectedTag)) {
        throw new IllegalArgumentException("stream state was saved by '" + tag + "', cannot restore it as '"
            + expectedTag + "'");
      }
    }

    long readLong() {
      return read(in::readLong);
    }

    double readDouble() {
      return read(in::readDouble);
    }

    BigInteger readBigInteger() {
      int n = read(in::readUnsignedShort);
      byte[] b = new byte[n];
      read(() -> {
        in.readFully(b);
        return null;
      });
      return new BigInteger(b);
    }

    private interface Io<T> {
      T get() throws IOException;
    }

    private static <T> T read(Io<T> op) {
      try {
        return op.get();
      } catch (IOException e) {
        throw new IllegalArgumentException("truncated or corrupt stream state", e);
      }
    }
  }
}
