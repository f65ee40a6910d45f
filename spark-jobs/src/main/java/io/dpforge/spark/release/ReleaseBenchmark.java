package io.dpforge.spark.release;

import io.dpforge.dp.continual.CounterStream;
import io.dpforge.dp.continual.NoiseSecret;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * @param seconds wall time of the fastest run of the job (Spark already up)
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
   * mechanisms in turn, {@code rounds} times over (interleaved, so a change in machine load hits them
   * alike), and keeps each mechanism's fastest run.
   */
  public static List<Result> run(SparkSession spark, Path work, Workload w, List<String> mechanisms, int rounds) {
    Path input = work.resolve("input");
    writeEvents(input, w);
    List<String> keys = IntStream.range(0, w.keys()).mapToObj(k -> "key-" + k).toList();
    timeRun(spark, work.resolve("warmup"), input, keys, w, mechanisms.get(0));
    Map<String, Double> best = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String mechanism : mechanisms) {
        Path dir = work.resolve("round-" + round + "-" + mechanism.replace(':', '-'));
        best.merge(mechanism, timeRun(spark, dir, input, keys, w, mechanism), Math::min);
      }
    }
    List<Result> results = new ArrayList<>();
    for (Map.Entry<String, Double> e : best.entrySet()) {
      Path checkpoint = work.resolve("round-0-" + e.getKey().replace(':', '-')).resolve("out").resolve("_checkpoint");
      CounterSpec spec = new CounterSpec(ReleaseManifest.read(checkpoint).mechanism(), 0.5,
          NoiseSecret.seededNotPrivate(w.seed()), w.seed());
      results.add(new Result(spec.mechanism().name(), w.events(), e.getValue(), w.events() / e.getValue(),
          stateBytes(spec, w), directoryBytes(checkpoint.resolve("spark").resolve("state")) / w.keys()));
    }
    return results;
  }

  /** Runs the job once on the input, in a fresh directory; returns the wall time in seconds. */
  private static double timeRun(SparkSession spark, Path dir, Path input, List<String> keys, Workload w,
      String mechanism) {
    ReleaseSettings s = ReleaseSettings.builder().input(input, "csv").columns("key", "time", "user")
        .ticks(TICK, START, w.horizon()).mechanism(mechanism).rho(0.5).keys(keys).out(dir.resolve("out"))
        .seedNotPrivate(w.seed()).filesPerBatch(w.filesPerBatch()).once(true).build();
    long started = System.nanoTime();
    ReleaseJob.run(spark, s);
    return (System.nanoTime() - started) / 1e9;
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
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + f * 1000L));
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
