package io.dpforge.spark.release;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of the release job produced.
 *
 * @param releases the directory of released batches ({@code batch=N/part-*.csv})
 * @param ledger the privacy ledger file
 * @param manifest the job's fixed parameters
 * @param noise "private" or the NOT PRIVATE seeded label
 * @param lastBatch the id of the last micro-batch of this run (-1 if none ran)
 */
public record ReleaseSummary(Path releases, Path ledger, Map<String, Object> manifest, String noise, long lastBatch) {}
