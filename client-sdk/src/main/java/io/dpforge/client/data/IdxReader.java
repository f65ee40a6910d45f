package io.dpforge.client.data;

import io.dpforge.dp.data.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST, plain or gzip-compressed (detected from the first
 * bytes). Layout (LeCun et al., the MNIST database page): a big-endian int32 magic (2049 for labels,
 * 2051 for images), int32 counts, then unsigned bytes. Every malformed file is reported with its path
 * and what was expected.
 */
public final class IdxReader {
  static final int LABELS_MAGIC = 2049;
  static final int IMAGES_MAGIC = 2051;

  private IdxReader() {}

  /** Images as row-major pixels scaled to [0, 1] (byte / 255). */
  public record Images(int count, int rows, int columns, double[] pixels) {
    public int pixelsPerImage() {
      return rows * columns;
    }
  }

  /** Labels (unsigned bytes) of an IDX1 file. */
  public static int[] readLabels(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      expect(file, "magic number", LABELS_MAGIC, magic);
      int count = in.readInt();
      checkCount(file, "label count", count);
      byte[] bytes = readFully(file, in, count, "labels");
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = bytes[i] & 0xff;
      }
      return labels;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Images of an IDX3 file. */
  public static Images readImages(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      expect(file, "magic number", IMAGES_MAGIC, magic);
      int count = in.readInt();
      int rows = in.readInt();
      int columns = in.readInt();
      checkCount(file, "image count", count);
      checkCount(file, "rows", rows);
      checkCount(file, "columns", columns);
      long total = (long) count * rows * columns;
      if (total > Integer.MAX_VALUE - 8) {
        throw new InvalidInputException(file + ": " + count + " images of " + rows + "×" + columns
            + " pixels do not fit in one array");
      }
      byte[] bytes = readFully(file, in, (int) total, "pixels");
      double[] pixels = new double[(int) total];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (bytes[i] & 0xff) / 255.0;
      }
      return new Images(count, rows, columns, pixels);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + ": no such IDX file");
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
  }

  private static byte[] readFully(Path file, DataInputStream in, int count, String what) throws IOException {
    byte[] bytes = new byte[count];
    try {
      in.readFully(bytes);
    } catch (EOFException e) {
      throw new InvalidInputException(file + ": truncated, the header announces " + count + " bytes of "
          + what + " but the file ends early", e);
    }
    if (in.read() != -1) {
      throw new InvalidInputException(file + ": " + count + " bytes of " + what
          + " announced by the header, but the file holds more");
    }
    return bytes;
  }

  private static void expect(Path file, String field, int expected, int actual) {
    if (expected != actual) {
      throw new InvalidInputException(file + ": " + field + " is " + actual + ", expected " + expected
          + (expected == LABELS_MAGIC ? " (an IDX1 label file)" : " (an IDX3 image file)"));
    }
  }

  private static void checkCount(Path file, String field, int value) {
    if (value < 0) {
      throw new InvalidInputException(file + ": " + field + " is " + value + ", expected a count >= 0");
    }
  }
}
