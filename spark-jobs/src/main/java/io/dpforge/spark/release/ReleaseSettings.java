package io.dpforge.spark.release;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The configuration of one continual-release job. Every field that shapes the released values or the
 * privacy guarantee is fixed when the job first starts and checked on every restart (see
 * {@link ReleaseManifest}).
 *
 * @param input a directory of CSV (with a header row) or Parquet files, read as a file stream
 * @param format "csv" or "parquet"
 * @param keyColumn the column holding the released key
 * @param timeColumn the event-time column (ISO-8601 timestamps or dates, or a timestamp type)
 * @param userColumn the column identifying the individual, or null: then every event is its own individual
 * @param tick Δ, the public tick length
 * @param start the start of tick 0
 * @param horizon T, the number of ticks released per key
 * @param mechanism the counter: tree, honaker, smooth, sqrt, blt or blt:m
 * @param rho ρ-zCDP per key
 * @param keys the public key universe (every key is released every tick)
 * @param maxKeysPerUser k: keys one individual may contribute to per tick
 * @param lateness how long after a tick ends its events may still arrive (the watermark delay)
 * @param out the output directory (releases, privacy ledger)
 * @param checkpoint Spark's checkpoint and the job's manifest and noise secret
 * @param seed null for private noise; a seed for reproducible, NOT PRIVATE noise
 * @param budgetRho the ledger's total budget; null to make it exactly this job's charge
 * @param filesPerBatch input files per micro-batch (0: all available)
 * @param once process the files present now, then stop (a replay); otherwise run until stopped
 */
public record ReleaseSettings(Path input, String format, String keyColumn, String timeColumn, String userColumn,
    Duration tick, Instant start, long horizon, String mechanism, double rho, List<String> keys, int maxKeysPerUser,
    Duration lateness, Path out, Path checkpoint, Long seed, Double budgetRho, int filesPerBatch, boolean once) {

  public ReleaseSettings {
    keys = List.copyOf(keys);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The total zCDP cost per individual and tick: k keys at ρ each (zCDP composition, brief §b.10). */
  public double rhoPerUserTick() {
    return maxKeysPerUser * rho;
  }

  /** Builds {@link ReleaseSettings}; defaults: csv, tick 0 at the epoch, blt, k = 1, no lateness, keep running. */
  public static final class Builder {
    private Path input;
    private String format = "csv";
    private String keyColumn;
    private String timeColumn;
    private String userColumn;
    private Duration tick;
    private Instant start = Instant.EPOCH;
    private long horizon;
    private String mechanism = "blt";
    private double rho;
    private List<String> keys = List.of();
    private int maxKeysPerUser = 1;
    private Duration lateness = Duration.ZERO;
    private Path out;
    private Path checkpoint;
    private Long seed;
    private Double budgetRho;
    private int filesPerBatch;
    private boolean once;

    public Builder input(Path input, String format) {
      this.input = input;
      this.format = format;
      return this;
    }

    /** The key and event-time columns, and the individual's column (null: one individual per event). */
    public Builder columns(String key, String time, String user) {
      this.keyColumn = key;
      this.timeColumn = time;
      this.userColumn = user;
      return this;
    }

    /** Tick length, start of tick 0 and horizon T. */
    public Builder ticks(Duration tick, Instant start, long horizon) {
      this.tick = tick;
      this.start = start;
      this.horizon = horizon;
      return this;
    }

    public Builder mechanism(String mechanism) {
      this.mechanism = mechanism;
      return this;
    }

    /** ρ-zCDP per key. */
    public Builder rho(double rho) {
      this.rho = rho;
      return this;
    }

    public Builder keys(List<String> keys) {
      this.keys = keys;
      return this;
    }

    public Builder maxKeysPerUser(int k) {
      this.maxKeysPerUser = k;
      return this;
    }

    public Builder lateness(Duration lateness) {
      this.lateness = lateness;
      return this;
    }

    /** Output directory; the checkpoint defaults to {@code out/_checkpoint}. */
    public Builder out(Path out) {
      this.out = out;
      return this;
    }

    public Builder checkpoint(Path checkpoint) {
      this.checkpoint = checkpoint;
      return this;
    }

    /** Reproducible, NOT PRIVATE noise from a public seed. */
    public Builder seedNotPrivate(Long seed) {
      this.seed = seed;
      return this;
    }

    public Builder budgetRho(Double budgetRho) {
      this.budgetRho = budgetRho;
      return this;
    }

    public Builder filesPerBatch(int filesPerBatch) {
      this.filesPerBatch = filesPerBatch;
      return this;
    }

    /** Process the files present, then stop. */
    public Builder once(boolean once) {
      this.once = once;
      return this;
    }

    public ReleaseSettings build() {
      return new ReleaseSettings(input, format, keyColumn, timeColumn, userColumn, tick, start, horizon, mechanism, rho,
          keys, maxKeysPerUser, lateness, out, checkpoint != null ? checkpoint : out.resolve("_checkpoint"), seed,
          budgetRho, filesPerBatch, once);
    }
  }
}
