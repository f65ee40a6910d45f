package io.dpforge.federated.core;

import java.time.Duration;

/**
 * Operational settings of a coordinator.
 *
 * @param stagingBudgetBytes memory for uploads in flight; past it new uploads get a retry delay
 * @param resumeWindow how long a dropped upload is kept for the client to resume
 * @param retryAfter the delay suggested to clients under back-pressure
 * @param assignmentTimeout after this long without an answer an assignment frees its concurrency slot
 * @param localSteps local steps asked of clients (0: their own choice)
 * @param maxVersions finish after this many versions (0: no limit)
 * @param checkpointEvery write a checkpoint every this many versions (0: never)
 * @param seed seeds the (non-private) choice of FedAvg round members
 * @param logInterval how often a status line is logged (zero: never)
 */
public record CoordinatorOptions(
    long stagingBudgetBytes,
    Duration resumeWindow,
    Duration retryAfter,
    Duration assignmentTimeout,
    int localSteps,
    long maxVersions,
    long checkpointEvery,
    long seed,
    Duration logInterval) {

  public static CoordinatorOptions defaults() {
    return new CoordinatorOptions(1L << 30, Duration.ofMinutes(2), Duration.ofMillis(500), Duration.ofMinutes(10),
        0, 0, 0, 1, Duration.ZERO);
  }

  public CoordinatorOptions {
    if (stagingBudgetBytes <= 0) {
      throw new IllegalArgumentException("staging budget must be > 0 bytes, got " + stagingBudgetBytes);
    }
    if (localSteps < 0 || maxVersions < 0 || checkpointEvery < 0) {
      throw new IllegalArgumentException("local steps, max versions and checkpoint interval must be >= 0");
    }
  }

  public CoordinatorOptions withMaxVersions(long v) {
    return new CoordinatorOptions(stagingBudgetBytes, resumeWindow, retryAfter, assignmentTimeout, localSteps, v,
        checkpointEvery, seed, logInterval);
  }

  public CoordinatorOptions withCheckpointEvery(long v) {
    return new CoordinatorOptions(stagingBudgetBytes, resumeWindow, retryAfter, assignmentTimeout, localSteps,
        maxVersions, v, seed, logInterval);
  }

  public CoordinatorOptions withStagingBudget(long bytes, Duration retry) {
    return new CoordinatorOptions(bytes, resumeWindow, retry, assignmentTimeout, localSteps, maxVersions,
        checkpointEvery, seed, logInterval);
  }

  public CoordinatorOptions withLocalSteps(int steps) {
    return new CoordinatorOptions(stagingBudgetBytes, resumeWindow, retryAfter, assignmentTimeout, steps,
        maxVersions, checkpointEvery, seed, logInterval);
  }

  public CoordinatorOptions withSeed(long s) {
    return new CoordinatorOptions(stagingBudgetBytes, resumeWindow, retryAfter, assignmentTimeout, localSteps,
        maxVersions, checkpointEvery, s, logInterval);
  }

  public CoordinatorOptions withLogInterval(Duration d) {
    return new CoordinatorOptions(stagingBudgetBytes, resumeWindow, retryAfter, assignmentTimeout, localSteps,
        maxVersions, checkpointEvery, seed, d);
  }

  public CoordinatorOptions withResumeWindow(Duration d) {
    return new CoordinatorOptions(stagingBudgetBytes, d, retryAfter, assignmentTimeout, localSteps, maxVersions,
        checkpointEvery, seed, logInterval);
  }
}
