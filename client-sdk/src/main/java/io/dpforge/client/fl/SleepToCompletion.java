package io.dpforge.client.fl;

/**
 * Wraps a trainer so that each local round takes its sampled completion time: it sleeps
 * max(0, T − actual training time) (research brief §7.1, "same delays").
 */
public final class SleepToCompletion implements LocalTrainer {
  private final LocalTrainer inner;
  private final DelayModel.Schedule schedule;
  private final int client;

  public SleepToCompletion(LocalTrainer inner, DelayModel.Schedule schedule, int client) {
    this.inner = inner;
    this.schedule = schedule;
    this.client = client;
  }

  @Override
  public LocalUpdate train(GlobalModel model) throws InterruptedException {
    long start = System.nanoTime();
    double target = schedule.nextSeconds(client);
    LocalUpdate u = inner.train(model);
    long remaining = (long) (target * 1e9) - (System.nanoTime() - start);
    if (remaining > 0) {
      Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
    }
    return u;
  }
}
