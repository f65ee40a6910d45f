package io.dpforge.federated.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Checkpoints in a directory, one file per version ({@code checkpoint-<version>.ckpt}), each written
 * to a temporary file and moved into place, so a crash mid-write leaves the previous one intact.
 *
 * <p>Format: magic {@code DPFCKPT1}, the metadata as length-prefixed JSON (everything but the two
 * vectors), the model and the momentum as length-prefixed big-endian doubles, and a CRC-32 of all
 * preceding bytes.
 */
public final class CheckpointStore {
  private static final byte[] MAGIC = "DPFCKPT1".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.ckpt");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final int keep;

  /**
   * @param dir directory of the checkpoints (created on first write)
   * @param keep how many of the newest checkpoints to keep (at least 1)
   */
  public CheckpointStore(Path dir, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    this.dir = dir;
    this.keep = keep;
  }

  public Path dir() {
    return dir;
  }

  /** Metadata: the checkpoint without its two vectors. */
  private record Meta(String runId, String strategy, long generation, long version,
      java.util.Map<Long, Long> lineage, List<CoordinatorCheckpoint.Client> clients,
      io.dpforge.federated.metrics.CoordinatorMetrics.State metrics, java.util.Map<String, Double> releaseState) {}

  /** Writes a checkpoint atomically and prunes older ones. */
  public Path write(CoordinatorCheckpoint c) {
    Path target = dir.resolve(String.format("checkpoint-%012d.ckpt", c.version()));
    AtomicFiles.write(target, raw -> {
      CRC32 crc = new CRC32();
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc), 1 << 16));
      out.write(MAGIC);
      byte[] meta = JSON.writeValueAsBytes(new Meta(c.runId(), c.strategy(), c.generation(), c.version(),
          c.lineage(), c.clients(), c.metrics(), c.releaseState()));
      out.writeInt(meta.length);
      out.write(meta);
      writeDoubles(out, c.model());
      writeDoubles(out, c.momentum());
      out.flush();
      out.writeLong(crc.getValue());
      out.flush();
    });
    prune();
    return target;
  }

  /** The newest readable checkpoint, if any. */
  public Optional<CoordinatorCheckpoint> latest() {
    List<Path> files = list();
    if (files.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(read(files.get(files.size() - 1)));
  }

  /**
   * Reads one checkpoint file.
   *
   * @throws InvalidInputException naming the file when it is truncated or corrupt
   */
  public static CoordinatorCheckpoint read(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      CRC32 crc = new CRC32();
      DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new InvalidInputException(file + ": not a dpforge coordinator checkpoint (expected magic DPFCKPT1)");
      }
      byte[] metaBytes = in.readNBytes(in.readInt());
      Meta meta = JSON.readValue(metaBytes, Meta.class);
      double[] model = readDoubles(in);
      double[] momentum = readDoubles(in);
      long expected = crc.getValue();
      long stored = new DataInputStream(raw).readLong();
      if (stored != expected) {
        throw new InvalidInputException(file + ": checksum mismatch (stored " + Long.toHexString(stored)
            + ", computed " + Long.toHexString(expected) + "); the file is corrupt");
      }
      return new CoordinatorCheckpoint(meta.runId(), meta.strategy(), meta.generation(), meta.version(),
          meta.lineage(), model, momentum, meta.clients(), meta.metrics(), meta.releaseState());
    } catch (java.io.EOFException e) {
      throw new InvalidInputException(file + ": truncated checkpoint", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  private List<Path> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingLong(CheckpointStore::versionOf))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static long versionOf(Path p) {
    Matcher m = NAME.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private void prune() {
    List<Path> files = list();
    for (int i = 0; i < files.size() - keep; i++) {
      try {
        Files.deleteIfExists(files.get(i));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete old checkpoint " + files.get(i), e);
      }
    }
  }

  private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
    out.writeInt(v.length);
    for (double x : v) {
      out.writeDouble(x);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative vector length " + n);
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.readDouble();
    }
    return v;
  }
}
