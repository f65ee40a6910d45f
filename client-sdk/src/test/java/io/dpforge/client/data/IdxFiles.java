package io.dpforge.client.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny IDX files for tests (the real data set is never needed by a unit test). */
final class IdxFiles {
  private IdxFiles() {}

  static void writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
    try (DataOutputStream out = open(file, gzip)) {
      out.writeInt(IdxReader.LABELS_MAGIC);
      out.writeInt(labels.length);
      for (int l : labels) {
        out.writeByte(l);
      }
    }
  }

  /** {@code pixels[i]} is image i, rows × columns unsigned bytes. */
  static void writeImages(Path file, int[][] pixels, int rows, int columns, boolean gzip) throws IOException {
    try (DataOutputStream out = open(file, gzip)) {
      out.writeInt(IdxReader.IMAGES_MAGIC);
      out.writeInt(pixels.length);
      out.writeInt(rows);
      out.writeInt(columns);
      for (int[] image : pixels) {
        for (int p : image) {
          out.writeByte(p);
        }
      }
    }
  }

  private static DataOutputStream open(Path file, boolean gzip) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    return new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw);
  }
}
