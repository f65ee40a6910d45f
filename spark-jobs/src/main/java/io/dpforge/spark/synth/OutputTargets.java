package io.dpforge.spark.synth;

import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The files a run writes. They are checked before any private data is read (so a typo in a path
 * cannot waste privacy budget), written under hidden temporary names next to their targets, and moved
 * into place together at the end: sidecar and report first, the synthetic table last, so whoever sees
 * the table also sees its sidecar. A failed run leaves no output and no temporary file behind.
 */
final class OutputTargets implements AutoCloseable {
  private final Map<Path, Path> staged = new LinkedHashMap<>();

  private OutputTargets() {}

  /**
   * Checks that each target can be written: its directory exists or can be created and accepts new
   * files; a Parquet target (a directory) must not exist yet.
   *
   * @param targets the outputs
   * @param directory which targets are directories (Parquet)
   */
  static void check(List<Path> targets, List<Boolean> directory) {
    List<Path> seen = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Path target = targets.get(i).toAbsolutePath().normalize();
      if (seen.contains(target)) {
        throw new InvalidInputException("output " + targets.get(i) + " is named twice (--out, --report and the"
            + " sidecar must differ)");
      }
      seen.add(target);
      if (directory.get(i) && Files.exists(target)) {
        throw new InvalidInputException("output " + targets.get(i) + " already exists; a Parquet output is a"
            + " directory and is never overwritten (remove it or choose another --out)");
      }
      if (!directory.get(i) && Files.isDirectory(target)) {
        throw new InvalidInputException("output " + targets.get(i) + " is a directory, expected a file name");
      }
      probe(targets.get(i), target.getParent());
    }
  }

  private static void probe(Path given, Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".dpforge-probe-", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new InvalidInputException("cannot write output " + given + ": directory " + dir + " cannot be created"
          + " or written (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + ")");
    }
  }

  /** Starts a set of outputs; {@link #close} removes whatever was staged and not committed. */
  static OutputTargets begin() {
    return new OutputTargets();
  }

  /** A hidden temporary path next to {@code target} to write it to (not created). */
  Path stage(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    Path tmp = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
    staged.put(absolute, tmp);
    return tmp;
  }

  /** Moves every staged output into place, in staging order. */
  void commit() {
    List<Path> placed = new ArrayList<>();
    try {
      for (Map.Entry<Path, Path> e : staged.entrySet()) {
        AtomicFiles.moveIntoPlace(e.getValue(), e.getKey());
        placed.add(e.getKey());
      }
      staged.clear();
    } catch (IOException e) {
      placed.forEach(OutputTargets::deleteQuietly);
      throw new UncheckedIOException("cannot move the outputs into place: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    staged.values().forEach(OutputTargets::deleteQuietly);
    staged.clear();
  }

  private static void deleteQuietly(Path p) {
    try (Stream<Path> walk = Files.walk(p)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // Nothing there (never written) or already gone: nothing to clean.
    }
  }
}
