package io.dpforge.cli.continual;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.spark.release.ReleaseBenchmark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dpforge continual bench}: events/s of the release job and state bytes per key, per mechanism. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmark the release job on synthetic event files (seeded, NOT PRIVATE): events per second"
        + " through the whole job and state bytes per key, for several mechanisms side by side on the same data.")
public final class ContinualBenchCommand extends JsonCommand {
  @Option(names = "--events", defaultValue = "1000000", description = "Events (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--keys", defaultValue = "1000", description = "Public keys (default: ${DEFAULT-VALUE}).")
  int keys;

  @Option(names = "--users", defaultValue = "100000", description = "Individuals (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--horizon", defaultValue = "256", converter = HorizonConverter.class,
      description = "Ticks (default: ${DEFAULT-VALUE}).")
  long horizon;

  @Option(names = "--files", defaultValue = "8", description = "Input files (default: ${DEFAULT-VALUE}).")
  int files;

  @Option(names = "--files-per-batch", defaultValue = "2", description = "Files per micro-batch (default: ${DEFAULT-VALUE}).")
  int filesPerBatch;

  @Option(names = "--mechanisms", defaultValue = "blt:4,tree,honaker,sqrt", split = ",",
      description = "Mechanisms to compare (default: ${DEFAULT-VALUE}).")
  List<String> mechanisms;

  @Option(names = "--rounds", defaultValue = "2", description = "Timed runs per mechanism, interleaved; the fastest"
      + " counts (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default: ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--work", description = "Working directory (default: a new temporary directory).")
  Path work;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the data and the noise (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  protected Map<String, Object> execute(Console console) {
    if (events < 1 || keys < 1 || users < 1 || files < 1 || filesPerBatch < 0) {
      throw new InvalidInputException("--events, --keys, --users and --files must be positive");
    }
    Path dir;
    try {
      dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("dpforge-bench");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the working directory", e);
    }
    ReleaseBenchmark.Workload w = new ReleaseBenchmark.Workload(events, keys, users, horizon, files, filesPerBatch, seed);
    console.printf("release job benchmark on %s: %,d events, %,d keys, %,d users, %,d ticks, %d files (%d per batch),"
        + " fastest of %d interleaved runs; noise seeded (NOT PRIVATE)%n", master, events, keys, users, horizon, files,
        filesPerBatch, rounds);
    SparkSession spark = SparkSession.builder().master(master).appName("dpforge release bench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    List<ReleaseBenchmark.Result> results;
    try {
      results = ReleaseBenchmark.run(spark, dir, w, mechanisms, Math.max(1, rounds));
    } finally {
      spark.stop();
    }
    double reference = results.get(0).eventsPerSecond();
    console.println("");
    console.printf("| mechanism | seconds | events/s | ratio to %s | state bytes per key | checkpoint bytes per key |%n",
        results.get(0).mechanism());
    console.println("|---|---:|---:|---:|---:|---:|");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ReleaseBenchmark.Result r : results) {
      console.printf("| %s | %.1f | %,.0f | %.2f | %d | %,.0f |%n", r.mechanism(), r.seconds(), r.eventsPerSecond(),
          r.eventsPerSecond() / reference, r.stateBytesPerKey(), r.checkpointBytesPerKey());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("mechanism", r.mechanism());
      row.put("seconds", r.seconds());
      row.put("events_per_second", r.eventsPerSecond());
      row.put("state_bytes_per_key", r.stateBytesPerKey());
      row.put("checkpoint_bytes_per_key", r.checkpointBytesPerKey());
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("master", master);
    out.put("events", events);
    out.put("keys", keys);
    out.put("horizon", horizon);
    out.put("rounds", rounds);
    out.put("results", rows);
    out.put("work", dir.toString());
    return out;
  }
}
