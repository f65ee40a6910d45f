package io.dpforge.spark.release;

import static org.apache.spark.sql.functions.col;

import io.dpforge.dp.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;

/**
 * The idempotent sink (brief §d.3, rule 8): micro-batch N's releases go to {@code releases/batch=N/},
 * written under a temporary name and moved into place. A batch that Spark replays after a failure
 * rewrites the same directory with the same rows (the noise is keyed), so every (key, tick) appears
 * exactly once across the output.
 */
final class ReleaseSink implements VoidFunction2<Dataset<Release>, Long> {
  private static final long serialVersionUID = 1L;
  static final String RELEASES = "releases";

  private final String out;

  ReleaseSink(Path out) {
    this.out = out.toAbsolutePath().toString();
  }

  /** The directory of batch N. */
  static Path batchDirectory(Path out, long batchId) {
    return out.resolve(RELEASES).resolve("batch=" + batchId);
  }

  @Override
  public void call(Dataset<Release> batch, Long batchId) {
    Dataset<Release> rows = batch.persist();
    try {
      if (rows.isEmpty()) {
        return;
      }
      Path target = batchDirectory(Path.of(out), batchId);
      Path tmp = target.resolveSibling(".batch=" + batchId + ".tmp");
      deleteRecursively(tmp);
      rows.select(col("key"), col("tick"), col("tickStart").as("tick_start"), col("noisyCount").as("noisy_count"),
              col("count"), col("noise"))
          .coalesce(1).write().option("header", "true").csv(tmp.toString());
      deleteRecursively(target);
      AtomicFiles.moveIntoPlace(tmp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write releases of batch " + batchId + " under " + out, e);
    } finally {
      rows.unpersist();
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
