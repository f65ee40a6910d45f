package io.dpforge.spark.synth;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;

/**
 * Spark stage progress while a phase of the job runs: tasks done of the active stages, polled from
 * Spark's status tracker a few times a second on a daemon thread.
 */
final class StageProgress implements AutoCloseable {
  private static final long POLL_MILLIS = 250;

  private final ProgressLine line;
  private final String phase;
  private final long start = System.currentTimeMillis();
  private final Thread poller;
  private volatile boolean running = true;
  private boolean succeeded;

  private StageProgress(JavaSparkContext jsc, ProgressLine line, String phase) {
    this.line = line;
    this.phase = phase;
    JavaSparkStatusTracker tracker = jsc.statusTracker();
    this.poller = new Thread(() -> {
      while (running) {
        show(tracker);
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "dpforge-stage-progress");
    poller.setDaemon(true);
    poller.start();
  }

  /** Starts reporting {@code phase} (e.g. "reading, validating and counting"). */
  static StageProgress start(JavaSparkContext jsc, ProgressLine line, String phase) {
    return new StageProgress(jsc, line, phase);
  }

  private void show(JavaSparkStatusTracker tracker) {
    int tasks = 0;
    int done = 0;
    int stages = 0;
    int lastStage = -1;
    for (int id : tracker.getActiveStageIds()) {
      SparkStageInfo s = tracker.getStageInfo(id);
      if (s != null) {
        tasks += s.numTasks();
        done += s.numCompletedTasks();
        stages++;
        lastStage = Math.max(lastStage, id);
      }
    }
    long elapsed = System.currentTimeMillis() - start;
    if (stages == 0) {
      line.show(phase + ": " + ProgressLine.duration(elapsed));
      return;
    }
    line.show(String.format("%s %s %d/%d tasks (Spark stage %d) %s", phase, ProgressLine.bar((double) done / tasks),
        done, tasks, lastStage, ProgressLine.duration(elapsed)));
  }

  /** Marks the phase as finished (otherwise {@link #close} reports it as stopped). */
  void succeeded() {
    succeeded = true;
  }

  /** Stops polling and prints the phase's time. */
  @Override
  public void close() {
    running = false;
    poller.interrupt();
    try {
      poller.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    line.finish(phase + (succeeded ? ": done in " : ": stopped after ")
        + ProgressLine.duration(System.currentTimeMillis() - start));
  }
}
