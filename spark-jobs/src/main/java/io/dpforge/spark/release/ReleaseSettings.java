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

  /** The total zCDP cost per individual and tick: k keys at ρ each (zCDP composition, brief §b.10). */
  public double rhoPerUserTick() {
    return maxKeysPerUser * rho;
  }
}
