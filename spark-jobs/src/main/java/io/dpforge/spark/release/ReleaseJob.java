package io.dpforge.spark.release;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_timestamp;

import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.continual.CounterCalibration;
import io.dpforge.dp.continual.CounterMechanism;
import io.dpforge.dp.continual.CounterMechanisms;
import io.dpforge.dp.continual.KeyedNoise;
import io.dpforge.dp.continual.NoiseSecret;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.Charge;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The continual-release Structured Streaming job: a file stream of events, public ticks from event time,
 * contribution bounding, one counter per public key in the state store, and an idempotent sink of one
 * noisy running count per (key, tick).
 *
 * <pre>{@code
 * ReleaseSummary s = ReleaseJob.run(spark, settings);   // settings: see ReleaseSettings
 * }</pre>
 *
 * <p>First start: fit the mechanism, create the noise secret (or use the seed, labelled NOT PRIVATE),
 * charge the privacy ledger {@code out/privacy-ledger.json} k·ρ per individual-tick (ρ per key; keys
 * compose in parallel except the k one individual may touch per tick), then write the manifest. A
 * restart checks the manifest and continues from Spark's checkpoint without charging again.
 */
public final class ReleaseJob {
  static final String ROCKSDB = "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

  private ReleaseJob() {}

  /** Runs the job (to the end of the available input when {@code settings.once()}, else until stopped). */
  public static ReleaseSummary run(SparkSession spark, ReleaseSettings settings) {
    Prepared p = prepare(settings);
    StreamingQuery query = start(spark, settings, p);
    try {
      query.awaitTermination();
    } catch (StreamingQueryException e) {
      throw unwrap(e);
    }
    return new ReleaseSummary(settings.out().resolve(ReleaseSink.RELEASES),
        settings.out().resolve("privacy-ledger.json"), p.manifest.summary(), p.spec.noiseLabel(),
        query.lastProgress() == null ? -1 : query.lastProgress().batchId());
  }

  /** The fixed parameters of the job, created on first start or read back on restart. */
  private record Prepared(ReleaseManifest manifest, CounterSpec spec, TickClock clock) {}

  private static Prepared prepare(ReleaseSettings s) {
    validate(s);
    TickClock clock = TickClock.of(s.start(), s.tick(), s.horizon());
    Path checkpoint = s.checkpoint();
    CounterMechanism mechanism;
    NoiseSecret secret;
    ReleaseManifest manifest;
    if (ReleaseManifest.exists(checkpoint)) {
      manifest = ReleaseManifest.read(checkpoint);
      mechanism = manifest.mechanism();
      manifest.checkSameJob(ReleaseManifest.describe(s, mechanism, clock, noiseLabel(s)), checkpoint);
      secret = s.seed() == null ? NoiseSecretFile.read(checkpoint) : NoiseSecret.seededNotPrivate(s.seed());
    } else {
      try {
        mechanism = CounterMechanisms.parse(s.mechanism(), s.horizon());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("--mechanism: " + e.getMessage());
      }
      secret = s.seed() == null ? NoiseSecret.generate(Randomness.secure()) : NoiseSecret.seededNotPrivate(s.seed());
      manifest = ReleaseManifest.describe(s, mechanism, clock, noiseLabel(s));
      charge(s, mechanism, secret);
      if (secret.isPrivate()) {
        NoiseSecretFile.write(checkpoint, secret);
      }
      manifest.write(checkpoint);
    }
    return new Prepared(manifest, new CounterSpec(mechanism, s.rho(), secret, s.seed()), clock);
  }

  private static String noiseLabel(ReleaseSettings s) {
    return s.seed() == null ? "private" : "seeded " + s.seed() + " (NOT PRIVATE)";
  }

  /** One ledger entry for the whole job: ρ per key, k keys per individual and tick. */
  private static void charge(ReleaseSettings s, CounterMechanism mechanism, NoiseSecret secret) {
    CounterCalibration cal = CounterCalibration.gaussian(mechanism, s.rho());
    double total = s.maxKeysPerUser() * cal.rho();
    String released = String.format("noisy running counts of %,d public keys over %,d ticks (%s, rho %.6g per key;"
        + " at most %d keys and one count per key per individual and tick)", s.keys().size(), s.horizon(),
        mechanism.name(), cal.rho(), s.maxKeysPerUser());
    PrivacyLedger ledger = PrivacyLedger.builder()
        .budget(Budget.zcdp(s.budgetRho() != null ? s.budgetRho() : total))
        .persistTo(s.out().resolve("privacy-ledger.json")).build();
    KeyedNoise noise = KeyedNoise.of(secret, "release/" + mechanism.name());
    ledger.charge(Charge.of("continual " + mechanism.name(), released, cal.sensitivity(), cal.noiseScale(),
        RdpCurve.zcdp(total)).using(noise.randomness("ledger", 0)));
  }

  private static StreamingQuery start(SparkSession spark, ReleaseSettings s, Prepared p) {
    spark.conf().set("spark.sql.streaming.stateStore.providerClass", ROCKSDB);
    StructType schema = inputSchema(spark, s);
    for (String c : new String[] {s.keyColumn(), s.timeColumn(), s.userColumn()}) {
      if (c != null && !java.util.Arrays.asList(schema.fieldNames()).contains(c)) {
        throw new InvalidInputException(s.input() + ": no column '" + c + "'; the files have "
            + String.join(", ", schema.fieldNames()));
      }
    }
    DataStreamReader reader = spark.readStream().schema(schema);
    if (s.filesPerBatch() > 0) {
      reader = reader.option("maxFilesPerTrigger", s.filesPerBatch());
    }
    Dataset<Row> raw = s.format().equals("parquet") ? reader.parquet(s.input().toString())
        : reader.option("header", "true").csv(s.input().toString());
    boolean textTime = schema.apply(s.timeColumn()).dataType().equals(DataTypes.StringType);
    Column time = textTime ? to_timestamp(col(s.timeColumn())) : col(s.timeColumn()).cast("timestamp");
    Dataset<Row> parsed = raw.select(col(s.keyColumn()).cast("string").as("key"),
            s.userColumn() == null ? lit(null).cast("string").as("user") : col(s.userColumn()).cast("string").as("user"),
            time.as("time"), col(s.timeColumn()).cast("string").as("raw_time"), input_file_name().as("file"))
        .withWatermark("time", s.lateness().toMillis() + " milliseconds");
    Dataset<Event> events = parsed.flatMap(new EventParser(s.keys(), p.clock, s.keyColumn(), s.timeColumn()),
        Encoders.bean(Event.class));
    Dataset<Contribution> contributions = s.userColumn() == null
        ? events.map((MapFunction<Event, Contribution>) e -> new Contribution(e.getKey(), e.getTick(), e.getTime()),
            Encoders.bean(Contribution.class))
        : events.groupByKey((MapFunction<Event, String>) ContributionBounder::group, Encoders.STRING())
            .transformWithState(new ContributionBounder(s.maxKeysPerUser(), p.clock), "time", OutputMode.Append(),
                Encoders.bean(Contribution.class));
    CounterSpec spec = p.spec;
    var initial = spark.createDataset(s.keys(), Encoders.STRING())
        .groupByKey((MapFunction<String, String>) k -> k, Encoders.STRING())
        .mapValues((MapFunction<String, byte[]>) k -> KeyCounter.initialState(spec, k), Encoders.BINARY());
    Dataset<Release> releases = contributions
        .groupByKey((MapFunction<Contribution, String>) Contribution::getKey, Encoders.STRING())
        .transformWithState(new KeyCounter(spec, p.clock), TimeMode.EventTime(), OutputMode.Append(), initial,
            Encoders.bean(Release.class), Encoders.BINARY());
    try {
      return releases.writeStream()
          .queryName("dpforge-release")
          .option("checkpointLocation", s.checkpoint().resolve("spark").toString())
          .trigger(s.once() ? Trigger.AvailableNow() : Trigger.ProcessingTime(Math.max(1000, s.tick().toMillis() / 4)))
          .foreachBatch(new ReleaseSink(s.out()))
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("the streaming query did not start", e);
    }
  }

  private static StructType inputSchema(SparkSession spark, ReleaseSettings s) {
    try (Stream<Path> files = Files.list(s.input())) {
      if (files.noneMatch(f -> !f.getFileName().toString().startsWith(".")
          && !f.getFileName().toString().startsWith("_"))) {
        throw new InvalidInputException(s.input() + ": no input files yet; the job reads its column names from the"
            + " files present at start");
      }
    } catch (IOException e) {
      throw new InvalidInputException(s.input() + ": cannot list the input directory (" + e.getMessage() + ")");
    }
    return s.format().equals("parquet") ? spark.read().parquet(s.input().toString()).schema()
        : spark.read().option("header", "true").csv(s.input().toString()).schema();
  }

  private static void validate(ReleaseSettings s) {
    if (!s.format().equals("csv") && !s.format().equals("parquet")) {
      throw new InvalidInputException("--format: expected csv or parquet, got '" + s.format() + "'");
    }
    if (!Files.isDirectory(s.input())) {
      throw new InvalidInputException(s.input() + ": expected a directory of input files");
    }
    if (s.keys().isEmpty()) {
      throw new InvalidInputException("--keys: the public key list is empty");
    }
    if (s.maxKeysPerUser() < 1) {
      throw new InvalidInputException("--max-keys-per-user: expected at least 1, got " + s.maxKeysPerUser());
    }
    if (!(s.rho() > 0) || Double.isInfinite(s.rho())) {
      throw new InvalidInputException("--rho: expected a positive number, got " + s.rho());
    }
    if (s.horizon() < 1 || s.horizon() > (1L << 31)) {
      throw new InvalidInputException("--horizon: expected 1 to 2^31 ticks, got " + s.horizon());
    }
    if (s.tick().isNegative() || s.tick().isZero()) {
      throw new InvalidInputException("--tick: expected a positive duration, got " + s.tick());
    }
  }

  /** The cause a user can act on: bad input inside a Spark task surfaces wrapped several times. */
  static RuntimeException unwrap(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof InvalidInputException bad) {
        return bad;
      }
    }
    return new IllegalStateException("the release job failed: " + e.getMessage(), e);
  }
}
