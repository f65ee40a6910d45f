package io.dpforge.dp.continual;

/**
 * What one stream keeps between steps.
 *
 * @param maxSavedBytes the largest {@link CounterStream#saveState()} over the horizon
 * @param workingBytes the largest in-memory footprint of the values a stream holds (can exceed the saved
 *     state where a stream caches recomputable noise, e.g. the square root's noise path)
 * @param description in words, e.g. "running sum + 21 node noises"
 */
public record StateSize(long maxSavedBytes, long workingBytes, String description) {}
