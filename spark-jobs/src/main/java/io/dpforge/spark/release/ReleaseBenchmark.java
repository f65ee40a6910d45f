package io.dpforge.spark.release;

import io.dpforge.dp.continual.CounterStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput and state size of the release job, measured side by side for several mechanisms on the
 * same synthetic event files (run by {@code dpforge continual bench}). Events are spread evenly over the
 * ticks in file order, with uniform keys and users from a seeded {@link SplittableRandom} (simulated
 * data, not noise); the noise is seeded too, so the runs are reproducible and labelled NOT PRIVATE.
 */
public final class ReleaseBenchmark {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration TICK = Duration.ofHours(1);

  private ReleaseBenchmark() {}

  /**
   * One mechanism's measurement.
   *
   * @param mechanism the counter
   * @param events input events
   * @param seconds wall time of the job run (Spark session already up)
   * @param eventsPerSecond events / seconds
   * @param stateBytesPerKey one key's state-store value at the end of the horizon (counter state + stream)
   * @param checkpointBytesPerKey the checkpoint's state directory (RocksDB files of every version) / keys
   */
  public record Result(String mechanism, long events, double seconds, double eventsPerSecond, long stateBytesPerKey,
      double checkpointBytesPerKey) {}

  /** The workload. */
  public record Workload(long events, int keys, int users, long horizon, int files, int filesPerBatch, long seed) {}

  /**
   * Writes the events once, warms the JVM up with one untimed run of the first mechanism, then runs the
   * job once per mechanism on the same files.
   */
  public static List<Result> run(SparkSession spark, Path work, Workload w, List<String> mechanisms) {
    Path input = work.resolve("input");
    writeEvents(input, w);
    List<String> keys = IntStream.range(0, w.keys()).mapToObj(k -> "key-" + k).toList();
    List<Result> results = new ArrayList<>();
    List<String> runs = new ArrayList<>();
    runs.add(mechanisms.get(0));
    runs.addAll(mechanisms);
    for (int i = 0; i < runs.size(); i++) {
      String mechanism = runs.get(i);
      Path run = work.resolve((i == 0 ? "warmup-" : "run-") + mechanism.replace(':', '-'));
      ReleaseSettings s = ReleaseSettings.builder().input(input, "csv").columns("key", "time", "user")
          .ticks(TICK, START, w.horizon()).mechanism(mechanism).rho(0.5).keys(keys).out(run.resolve("out"))
          .seedNotPrivate(w.seed()).filesPerBatch(w.filesPerBatch()).once(true).build();
      long started = System.nanoTime();
      ReleaseSummary summary = ReleaseJob.run(spark, s);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (i == 0) {
        continue;
      }
      CounterSpec spec = new CounterSpec(ReleaseManifest.read(s.checkpoint()).mechanism(), 0.5,
          io.dpforge.dp.continual.NoiseSecret.seededNotPrivate(w.seed()), w.seed());
      results.add(new Result(summary.manifest().get("mechanism").toString(), w.events(), seconds, w.events() / seconds,
          stateBytes(spec, w), directoryBytes(s.checkpoint().resolve("spark").resolve("state")) / w.keys()));
    }
    return results;
  }

  /** A key's state value after the whole horizon at the workload's average count per tick. */
  private static long stateBytes(CounterSpec spec, Workload w) {
    CounterStream stream = spec.open("key-0");
    long perTick = Math.max(1, w.events() / w.keys() / w.horizon());
    for (long t = 0; t < w.horizon(); t++) {
      stream.release(perTick);
    }
    return new KeyCounterState(w.horizon(), stream.saveState()).encode().length;
  }

  private static void writeEvents(Path input, Workload w) {
    SplittableRandom random = new SplittableRandom(w.seed());
    long tickMillis = TICK.toMillis();
    try {
      Files.createDirectories(input);
      long written = 0;
      for (int f = 0; f < w.files(); f++) {
        long inFile = w.events() * (f + 1) / w.files() - written;
        Path file = input.resolve(String.format("events-%04d.csv", f));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          out.write("user,key,time\n");
          for (long i = 0; i < inFile; i++) {
            long index = written + i;
            long offset = index * w.horizon() * tickMillis / w.events(); // evenly over the ticks, in file order
            out.write("u" + random.nextInt(w.users()) + ",key-" + random.nextInt(w.keys()) + ","
                + START.plusMillis(offset) + "\n");
          }
        }
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L + f * 1000L));
        written += inFile;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write benchmark events under " + input, e);
    }
  }

  private static double directoryBytes(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }  catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
