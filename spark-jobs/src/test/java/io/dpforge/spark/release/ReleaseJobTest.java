package io.dpforge.spark.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpforge.dp.continual.BinaryTreeMechanism;
import io.dpforge.dp.continual.BltMechanism;
import io.dpforge.dp.continual.BltParameters;
import io.dpforge.dp.continual.CounterCalibration;
import io.dpforge.dp.continual.CounterStream;
import io.dpforge.dp.continual.KeyedNoise;
import io.dpforge.dp.continual.NoiseSecret;
import io.dpforge.dp.data.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the GSS arrivals (respondents per age over the survey years, test resources) through the
 * release job, crashes it after the sink wrote a batch but before Spark committed it, restarts it with
 * the rest of the stream, and checks the output: exactly one row per (key, tick), every key at every
 * closed tick, replayed values identical, and errors distributed as the mechanism's analysis says.
 */
class ReleaseJobTest {
  private static final Instant START = Instant.parse("1978-01-01T00:00:00Z");
  private static final long HORIZON = 64;
  private static final double RHO = 0.5;
  private static final List<String> AGES = IntStream.rangeClosed(18, 89).mapToObj(Integer::toString).toList();
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[2]").appName("release-test")
        .config("spark.sql.shuffle.partitions", "2").config("spark.ui.enabled", "false")
        .config("spark.sql.streaming.stateStore.providerClass", ReleaseJob.ROCKSDB).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static ReleaseSettings settings(Path dir, double rho) {
    return ReleaseSettings.builder().input(dir.resolve("input"), "csv").columns("age", "time", "respondent")
        .ticks(Duration.ofDays(365), START, HORIZON).mechanism("blt:4").rho(rho).keys(AGES)
        .out(dir.resolve("out")).checkpoint(dir.resolve("checkpoint")).filesPerBatch(5).once(true).build();
  }

  @Test
  void crashRestartReplaysIdenticallyAndErrorsFollowTheAnalysis(@TempDir Path dir) throws Exception {
    GssArrivals gss = GssArrivals.load();
    ReleaseSettings settings = settings(dir, RHO);
    gss.writeYears(settings.input(), 1978, 1993);
    ReleaseSummary first = ReleaseJob.run(spark, settings);
    Map<String, Double> firstRun = readReleases(settings.out());
    assertFalse(firstRun.isEmpty(), "the first run released ticks");

    // Crash between the sink's write and Spark's commit: forget the last commit, keep its output.
    long last = first.lastBatch();
    Path lastOutput = ReleaseSink.batchDirectory(settings.out(), last);
    assertTrue(Files.isDirectory(lastOutput), "the last batch of the first run released rows");
    Map<String, Double> replayedBatch = readBatch(lastOutput);
    Path commits = settings.checkpoint().resolve("spark").resolve("commits");
    Files.delete(commits.resolve(Long.toString(last)));
    Files.deleteIfExists(commits.resolve("." + last + ".crc"));

    assertThrows(InvalidInputException.class, () -> ReleaseJob.run(spark, settings(dir, 0.25)),
        "a restart may not change rho");
    gss.writeYears(settings.input(), 1994, 2016);
    ReleaseJob.run(spark, settings);

    Map<String, Double> all = readReleases(settings.out());
    Map<String, Double> replayedAgain = readBatch(lastOutput);
    assertEquals(replayedBatch, replayedAgain, "the replayed batch rewrote identical values");
    firstRun.forEach((keyTick, value) -> assertEquals(value, all.get(keyTick), "replayed (key, tick) " + keyTick));

    // Every key at every closed tick, 1978 (tick 0) to 2015 (tick 37); 2016 stays open (no later data).
    assertEquals(AGES.size() * 38, all.size(), "one row per (key, tick) for 72 keys × 38 ticks");
    for (String age : AGES) {
      for (int tick = 0; tick < 38; tick++) {
        assertTrue(all.containsKey(age + "/" + tick), "missing release " + age + "/" + tick);
      }
    }

    JsonNode manifest = new ObjectMapper().readTree(settings.checkpoint().resolve(ReleaseManifest.FILE).toFile());
    assertEquals("private", manifest.get("noise").asText());
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(settings.checkpoint().resolve(NoiseSecretFile.FILE))));
    JsonNode ledger = new ObjectMapper().readTree(settings.out().resolve("privacy-ledger.json").toFile());
    assertEquals(1, ledger.get("entries").size(), "charged once, not again on restart: " + ledger);
    assertErrorsAreWhiteGaussianAfterWhitening(gss, all, manifest);
  }

  /**
   * Without a user column every event is its own individual. With a seeded secret the job must release
   * exactly what the library's tree counter releases for each key's per-tick counts, labelled NOT PRIVATE.
   */
  @Test
  void eachKeyReleasesExactlyTheLibraryCounterAndSeededRowsSayNotPrivate(@TempDir Path dir) throws Exception {
    GssArrivals gss = GssArrivals.load();
    long seed = 11;
    ReleaseSettings settings = ReleaseSettings.builder().input(dir.resolve("input"), "csv").columns("age", "time", null)
        .ticks(Duration.ofDays(365), START, HORIZON).mechanism("tree").rho(RHO).keys(AGES).out(dir.resolve("out"))
        .seedNotPrivate(seed).once(true).build();
    gss.writeYears(settings.input(), 1978, 1984);
    ReleaseJob.run(spark, settings);
    Map<String, Double> released = readReleases(settings.out(), "seeded 11 (NOT PRIVATE)");
    CounterCalibration cal = CounterCalibration.gaussian(BinaryTreeMechanism.withHorizon(HORIZON), RHO);
    KeyedNoise noise = KeyedNoise.of(NoiseSecret.seededNotPrivate(seed), "release/tree");
    for (String age : AGES) {
      CounterStream expected = cal.open(noise, age);
      for (int tick = 0; tick < 6; tick++) { // 1978 to 1983: closed by the 1984 events
        double value = expected.release(gss.count(Integer.parseInt(age), 1978 + tick));
        assertEquals(value, released.get(age + "/" + tick), "key " + age + " tick " + tick);
      }
    }
    assertEquals(AGES.size() * 6, released.size());
  }

  /**
   * The released noise of a BLT counter is B·u with B = A·C⁻¹ and u i.i.d. N(0, σ²) (plus a snapping
   * residual below 10⁻⁶): C applied to the differenced errors recovers u. Over 72 keys × 38 ticks the
   * recovered u/σ must be standard normal: mean and variance within 4 standard errors, Kolmogorov–Smirnov
   * distance below the 1% critical value 1.63/√n.
   */
  private static void assertErrorsAreWhiteGaussianAfterWhitening(GssArrivals gss, Map<String, Double> releases,
      JsonNode manifest) {
    double sigma = manifest.get("sigma").asDouble();
    BltParameters blt = new BltParameters(toArray(manifest.get("blt_decays")), toArray(manifest.get("blt_scales")));
    double raw = 0;
    int rawCount = 0;
    BltMechanism mechanism = BltMechanism.of(blt, HORIZON);
    List<Double> white = new ArrayList<>();
    for (String age : AGES) {
      long exact = 0;
      double previous = 0;
      double[] buffers = new double[blt.buffers()];
      for (int tick = 0; tick < 38; tick++) {
        exact += gss.count(Integer.parseInt(age), 1978 + tick);
        double error = releases.get(age + "/" + tick) - exact;
        raw += error * error / (mechanism.varianceCoefficient(tick + 1) / (2 * RHO));
        rawCount++;
        double difference = error - previous;
        previous = error;
        double u = difference;
        for (int j = 0; j < buffers.length; j++) {
          u += blt.scales()[j] * buffers[j];
        }
        for (int j = 0; j < buffers.length; j++) {
          buffers[j] = blt.decays()[j] * buffers[j] + difference;
        }
        white.add(u / sigma);
      }
    }
    int n = white.size();
    double mean = white.stream().mapToDouble(Double::doubleValue).sum() / n;
    double variance = white.stream().mapToDouble(w -> (w - mean) * (w - mean)).sum() / (n - 1);
    assertTrue(Math.abs(mean) < 4 / Math.sqrt(n), "whitened mean " + mean);
    assertTrue(Math.abs(variance - 1) < 4 * Math.sqrt(2.0 / n), "whitened variance " + variance);
    double[] sorted = white.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double ks = 0;
    for (int i = 0; i < n; i++) {
      double cdf = 0.5 * (1 + Erf.erf(sorted[i] / Math.sqrt(2)));
      ks = Math.max(ks, Math.max(Math.abs(cdf - (double) i / n), Math.abs(cdf - (double) (i + 1) / n)));
    }
    assertTrue(ks < 1.63 / Math.sqrt(n), "Kolmogorov–Smirnov distance " + ks + " (n = " + n + ")");
    // The raw errors too: mean of e²/Var_t over all (key, tick) near 1 (correlated over ticks: loose).
    assertEquals(1, raw / rawCount, 0.25, "raw errors against V_t/(2ρ)");
  }

  private static double[] toArray(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** Every released row as "key/tick" → noisy count; fails on a duplicate (key, tick). */
  static Map<String, Double> readReleases(Path out) throws IOException {
    return readReleases(out, "private");
  }

  static Map<String, Double> readReleases(Path out, String noise) throws IOException {
    Map<String, Double> all = new HashMap<>();
    try (Stream<Path> batches = Files.list(out.resolve(ReleaseSink.RELEASES))) {
      for (Path batch : batches.filter(p -> p.getFileName().toString().startsWith("batch=")).toList()) {
        readBatch(batch, noise).forEach((k, v) -> assertEquals(null, all.put(k, v), "duplicate release of " + k));
      }
    }
    return all;
  }

  static Map<String, Double> readBatch(Path batch) throws IOException {
    return readBatch(batch, "private");
  }

  static Map<String, Double> readBatch(Path batch, String noise) throws IOException {
    Map<String, Double> rows = new HashMap<>();
    try (Stream<Path> parts = Files.list(batch)) {
      for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        List<String> lines = Files.readAllLines(part, StandardCharsets.UTF_8);
        assertEquals("key,tick,tick_start,noisy_count,count,noise", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
          String[] f = line.split(",");
          assertEquals(noise, f[5]);
          assertEquals(Math.max(0, Math.round(Double.parseDouble(f[3]))), Long.parseLong(f[4]), "post-processing");
          assertEquals(null, rows.put(f[0] + "/" + f[1], Double.parseDouble(f[3])), "duplicate in " + batch);
        }
      }
    }
    return rows;
  }
}
