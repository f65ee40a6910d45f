package io.dpforge.cli.continual;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.spark.release.ReleaseJob;
import io.dpforge.spark.release.ReleaseSettings;
import io.dpforge.spark.release.ReleaseSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dpforge release}: the continual-release Structured Streaming job. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = {
        "Continual release of per-key running counts from a stream of events (a directory of CSV or Parquet"
            + " files, read as a file stream; with --once it replays the files present and stops).",
        "Every public key gets one noisy running count per tick, at every tick, in OUT/releases/batch=N/;"
            + " ticks come from event time and are released when the watermark passes their end. Each"
            + " individual (--user) contributes to at most --max-keys-per-user keys per tick, once each."
            + " The privacy ledger is OUT/privacy-ledger.json; the checkpoint keeps the noise secret and the"
            + " job's fixed parameters, so a restart continues where it stopped and replays identically."})
public final class ReleaseCommand extends JsonCommand {
  @Option(names = "--input", required = true, description = "Directory of input files.")
  Path input;

  @Option(names = "--format", defaultValue = "csv", description = "csv (with a header row) or parquet (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--key", required = true, description = "Column holding the key to count.")
  String keyColumn;

  @Option(names = "--time", required = true, description = "Event-time column (ISO-8601 timestamps or dates).")
  String timeColumn;

  @Option(names = "--user", description = "Column identifying the individual; without it every event is one individual.")
  String userColumn;

  @Option(names = "--tick", required = true, converter = DurationConverter.class,
      description = "Tick length, e.g. 1h, 1d, 365d.")
  Duration tick;

  @Option(names = "--start", defaultValue = "1970-01-01T00:00:00Z", converter = InstantConverter.class,
      description = "Start of tick 0 (default: ${DEFAULT-VALUE}).")
  Instant start;

  @Option(names = "--horizon", required = true, converter = HorizonConverter.class, description = "Ticks per key, T.")
  long horizon;

  @Option(names = "--mechanism", defaultValue = "blt", description = "tree, honaker, smooth, sqrt, blt or blt:m (default: ${DEFAULT-VALUE}).")
  String mechanism;

  @Option(names = "--rho", required = true, description = "zCDP rho per key (an individual touching k keys per tick spends k*rho).")
  double rho;

  @Option(names = "--keys", required = true, description = "The public key list, one per line: every key is released"
      + " every tick, and events of other keys are ignored (releasing only observed keys would reveal them).")
  Path keys;

  @Option(names = "--max-keys-per-user", defaultValue = "1", description = "k: keys one individual may add to per tick (default: ${DEFAULT-VALUE}).")
  int maxKeysPerUser;

  @Option(names = "--lateness", defaultValue = "0s", converter = DurationConverter.class,
      description = "How long after a tick ends its events may still arrive (watermark delay; default: ${DEFAULT-VALUE}).")
  Duration lateness;

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Option(names = "--checkpoint", description = "Checkpoint directory (default: OUT/_checkpoint).")
  Path checkpoint;

  @Option(names = "--seed", description = "Reproducible noise from a public seed: NOT PRIVATE, labelled so on every row.")
  Long seed;

  @Option(names = "--budget", description = "Total rho of the privacy ledger (default: exactly this job's charge).")
  Double budget;

  @Option(names = "--files-per-batch", defaultValue = "0", description = "Input files per micro-batch (0: all available).")
  int filesPerBatch;

  @Option(names = "--once", description = "Process the files present now, then stop (replay of static data).")
  boolean once;

  @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE}).")
  String master;

  @Override
  protected Map<String, Object> execute(Console console) {
    ReleaseSettings settings = ReleaseSettings.builder().input(input, format).columns(keyColumn, timeColumn, userColumn)
        .ticks(tick, start, horizon).mechanism(mechanism).rho(rho).keys(PublicKeys.read(keys))
        .maxKeysPerUser(maxKeysPerUser).lateness(lateness).out(out).checkpoint(checkpoint).seedNotPrivate(seed)
        .budgetRho(budget).filesPerBatch(filesPerBatch).once(once).build();
    if (seed != null) {
      console.warn("--seed: the noise is reproducible from a public seed; these releases are NOT PRIVATE");
    }
    SparkSession spark = SparkSession.builder().master(master).appName("dpforge release")
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    ReleaseSummary summary;
    try {
      summary = ReleaseJob.run(spark, settings);
    } finally {
      spark.stop();
    }
    console.printf("released %s counts of %,d keys per tick (%s) to %s%nprivacy ledger: %s%n",
        summary.manifest().get("mechanism"), settings.keys().size(), summary.noise(), summary.releases(),
        summary.ledger());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("releases", summary.releases().toString());
    r.put("ledger", summary.ledger().toString());
    r.put("noise", summary.noise());
    r.put("last_batch", summary.lastBatch());
    r.put("manifest", summary.manifest());
    return r;
  }
}
