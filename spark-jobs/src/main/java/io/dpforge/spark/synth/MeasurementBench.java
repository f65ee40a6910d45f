package io.dpforge.spark.synth;

import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadAnswerer;
import io.dpforge.synth.query.WorkloadCounts;
import io.dpforge.synth.query.WorkloadSpec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark of the measurement pass (run by {@code bench/spark-measure.sh}): a table replicated to N
 * rows as one plain CSV file, counted by the distributed pass on each Spark master given, and in the
 * same run by the synth engine on one thread ({@link CsvTableReader} streaming into a
 * {@link WorkloadAnswerer}, the single-machine path). Both read, validate, encode and count every row;
 * the answers are checked equal. Prints one line per repeat and a summary table for the README.
 */
@Command(name = "MeasurementBench", mixinStandardHelpOptions = true,
    description = "Rows per second of the distributed measurement pass against one thread of the synth engine.")
public final class MeasurementBench implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Source CSV (plain or gzip) to replicate.")
  Path input;

  @Option(names = "--domain", required = true, description = "Its domain spec.")
  Path domain;

  @Option(names = "--rows", defaultValue = "10000000", description = "Rows of the replicated table (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--workload", defaultValue = "marginals:3", description = "Workload (default: ${DEFAULT-VALUE}).")
  String workload;

  @Option(names = "--master", defaultValue = "local[2]", split = ";",
      description = "Spark masters to measure, ';'-separated (default: ${DEFAULT-VALUE}).")
  List<String> masters;

  @Option(names = "--repeats", defaultValue = "3", description = "Timed passes per system (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--work", defaultValue = "target/bench", description = "Folder for the replicated file (default: ${DEFAULT-VALUE}).")
  Path work;

  public static void main(String[] args) {
    System.exit(new CommandLine(new MeasurementBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Domain d = Domain.read(domain);
    Workload w = WorkloadSpec.parse(workload, d);
    Path table = replicate();
    System.out.printf("table %s: %,d rows, %,d bytes; workload %s: %d sets, %,d answers; %d cores, load %s%n", table,
        rows, Files.size(table), workload, w.sets(), w.answers(), Runtime.getRuntime().availableProcessors(), load());
    List<String> summary = new ArrayList<>();

    long[] reference = null;
    for (String master : masters) {
      SparkSession spark = SparkSessions.open(master, "dpforge measurement bench");
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      double[] seconds = new double[repeats];
      double[] cores = new double[repeats];
      int parts = 0;
      try {
        for (int i = 0; i < repeats; i++) {
          long start = System.nanoTime();
          long cpuStart = cpuNanos();
          TableSource source = CsvSource.open(jsc, InputFiles.resolve(table.toString(), jsc.hadoopConfiguration()), d,
              ',', InvalidValuePolicy.ERROR, 0);
          MeasurementPass.Measured m = MeasurementPass.toDriver(jsc, source, w, InvalidValuePolicy.ERROR);
          seconds[i] = (System.nanoTime() - start) / 1e9;
          cores[i] = (cpuNanos() - cpuStart) / 1e9 / seconds[i];
          parts = m.input().partitions();
          long[] counts = all(m);
          check(m.input().rowsKept() == rows, "Spark counted " + m.input().rowsKept() + " rows");
          check(reference == null || Arrays.equals(reference, counts), "masters disagree");
          reference = counts;
          System.out.printf("spark %s pass %d: %.2f s, %,.0f rows/s (%d parts), %.2f cores busy, load %s%n", master,
              i + 1, seconds[i], rows / seconds[i], parts, cores[i], load());
        }
      } finally {
        spark.stop();
      }
      summary.add(line("Spark " + master + ", " + parts + " parts", seconds, cores));
    }

    double[] seconds = new double[repeats];
    double[] cores = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      long cpuStart = cpuNanos();
      WorkloadAnswerer answerer = new WorkloadAnswerer(w);
      CsvTableReader.builder(d).build().stream(table, answerer::add);
      WorkloadCounts counts = answerer.result();
      seconds[i] = (System.nanoTime() - start) / 1e9;
      cores[i] = (cpuNanos() - cpuStart) / 1e9 / seconds[i];
      check(reference == null || Arrays.equals(reference, counts.counts()), "the engine and Spark disagree");
      System.out.printf("engine, one thread, pass %d: %.2f s, %,.0f rows/s, %.2f cores busy, load %s%n", i + 1,
          seconds[i], rows / seconds[i], cores[i], load());
    }
    summary.add(line("synth engine, 1 thread (CsvTableReader + WorkloadAnswerer)", seconds, cores));
    System.out.println("answers equal across systems: yes");
    System.out.println("| system | passes (s) | best (s) | rows/s (best) | cores busy (best pass) | rows per CPU-second |");
    System.out.println("|---|---|---|---|---|---|");
    summary.forEach(System.out::println);
    return 0;
  }

  private static long[] all(MeasurementPass.Measured m) {
    Workload w = m.answers().workload();
    long[] out = new long[w.answers()];
    for (int s = 0; s < w.sets(); s++) {
      System.arraycopy(m.answers().counts(s), 0, out, w.offset(s), w.set(s).size());
    }
    return out;
  }

  private String line(String system, double[] seconds, double[] cores) {
    int best = 0;
    for (int i = 1; i < seconds.length; i++) {
      best = seconds[i] < seconds[best] ? i : best;
    }
    return String.format("| %s | %s | %.2f | %,.0f | %.2f | %,.0f |", system,
        String.join(", ", Arrays.stream(seconds).mapToObj(s -> String.format("%.2f", s)).toList()), seconds[best],
        rows / seconds[best], cores[best], rows / seconds[best] / cores[best]);
  }

  /** CPU time of this process (all threads; Spark's local tasks run in it). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The source's data lines repeated (in order, cycling) under its header until {@code rows} rows. */
  private Path replicate() throws IOException {
    Files.createDirectories(work);
    Path out = work.resolve(input.getFileName().toString().replaceAll("\\.(csv)?(\\.gz)?$", "") + "-" + rows + ".csv");
    if (Files.exists(out)) {
      return out;
    }
    List<String> lines;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        input.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(input)) : Files.newInputStream(input),
        StandardCharsets.UTF_8))) {
      lines = r.lines().toList();
    }
    Path tmp = work.resolve(out.getFileName() + ".tmp");
    try (BufferedWriter wr = Files.newBufferedWriter(tmp)) {
      wr.write(lines.get(0));
      wr.write('\n');
      for (long i = 0; i < rows; i++) {
        wr.write(lines.get(1 + (int) (i % (lines.size() - 1))));
        wr.write('\n');
      }
    }
    Files.move(tmp, out);
    return out;
  }

  private static String load() {
    double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? "unknown" : String.format("%.1f", l);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what);
    }
  }
}
