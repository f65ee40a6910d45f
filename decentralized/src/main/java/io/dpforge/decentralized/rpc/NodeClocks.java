package io.dpforge.decentralized.rpc;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Poisson clocks a node runs on wall-clock time (Nabli &amp; Oyallon 2023, §3; the research brief,
 * §A4): one thread for its gradient clock (rate 1) and one for the clocks of the edges it owns (the
 * merged process of rate Σλ_e, each arrival assigned to an edge in proportion to its rate). Arrival
 * times are drawn ahead on the time base, so a node that falls behind catches up instead of thinning its
 * clocks. Gradients run on their own thread, so a gradient computation never waits on gossip (only its
 * short application waits while the node is in an exchange).
 */
public final class NodeClocks {
  private final GossipNode node;
  private final List<PeerLink> ownedLinks;
  private final double[] ownedRates;
  private final GossipClock clock;
  private final double until;
  private final SplittableRandom rng;
  private final Consumer<Throwable> onError;
  private volatile boolean running = true;
  private double lagSum;
  private long events;
  private double maxLag;
  private double recentLagSum;
  private long recentEvents;
  private Thread gradientThread;
  private Thread edgeThread;

  /**
   * @param ownedLinks links for the edges this node owns (it is their lower id)
   * @param ownedRates λ_e of those edges
   * @param until time (units) after which no more events start
   * @param onError receives any unexpected failure of a clock thread
   */
  public NodeClocks(GossipNode node, List<PeerLink> ownedLinks, double[] ownedRates, GossipClock clock, double until,
      long seed, Consumer<Throwable> onError) {
    this.node = node;
    this.ownedLinks = List.copyOf(ownedLinks);
    this.ownedRates = ownedRates.clone();
    this.clock = clock;
    this.until = until;
    this.rng = new SplittableRandom(seed);
    this.onError = onError;
  }

  public void start() {
    SplittableRandom gradientRng = rng.split();
    gradientThread = daemon("gossip-node-" + node.id() + "-gradients", () -> guarded(() -> runGradients(gradientRng)));
    if (!ownedLinks.isEmpty()) {
      SplittableRandom edgeRng = rng.split();
      edgeThread = daemon("gossip-node-" + node.id() + "-edges", () -> guarded(() -> runEdges(edgeRng)));
    }
  }

  /**
   * Stops starting new events and waits for the running ones to finish. The threads are not
   * interrupted: interrupting a blocking call would cancel an exchange that the responder may already
   * have applied.
   */
  public void stop() throws InterruptedException {
    running = false;
    awaitEnd();
  }

  /** Waits until both clocks have passed {@code until} (or were stopped). */
  public void awaitEnd() throws InterruptedException {
    for (Thread t : new Thread[] {gradientThread, edgeThread}) {
      if (t != null) {
        t.join();
      }
    }
  }

  private void runGradients(SplittableRandom r) throws InterruptedException {
    double t = 0;
    while (running) {
      t += exponential(r, 1);
      if (t > until) {
        return;
      }
      if (!sleepUntil(t)) {
        return;
      }
      node.gradientEvent();
    }
  }

  private void runEdges(SplittableRandom r) throws InterruptedException {
    double total = 0;
    double[] cumulative = new double[ownedRates.length];
    for (int e = 0; e < ownedRates.length; e++) {
      total += ownedRates[e];
      cumulative[e] = total;
    }
    double t = 0;
    while (running) {
      t += exponential(r, total);
      if (t > until) {
        return;
      }
      if (!sleepUntil(t)) {
        return;
      }
      double u = r.nextDouble() * total;
      int e = 0;
      while (e < cumulative.length - 1 && u >= cumulative[e]) {
        e++;
      }
      node.initiate(ownedLinks.get(e));
    }
  }

  /** Sleeps until time t in short slices; false when stopped meanwhile. */
  private boolean sleepUntil(double t) throws InterruptedException {
    long sliceNanos = 20_000_000L;
    long remaining;
    while (running && (remaining = clock.nanosUntil(t)) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(sliceNanos, remaining));
    }
    recordLag(clock.now() - t);
    return running;
  }

  private synchronized void recordLag(double lag) {
    lagSum += lag;
    events++;
    recentLagSum += lag;
    recentEvents++;
    maxLag = Math.max(maxLag, lag);
  }

  /**
   * Mean lateness of this node's events behind their Poisson schedule, in time units. Near 0 when the
   * machine keeps up with the rates; a large value means the time unit is too short for the hardware and
   * the realised event rates no longer follow the theory's.
   */
  public synchronized double meanLag() {
    return events == 0 ? 0 : lagSum / events;
  }

  /** Mean lateness of the events since the previous call, in time units (0 when there were none). */
  public synchronized double recentLag() {
    double mean = recentEvents == 0 ? 0 : recentLagSum / recentEvents;
    recentLagSum = 0;
    recentEvents = 0;
    return mean;
  }

  /** Largest lateness of one event behind its schedule, in time units. */
  public synchronized double maxLag() {
    return maxLag;
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void guarded(InterruptibleTask task) {
    try {
      task.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      onError.accept(e);
    }
  }

  private static double exponential(SplittableRandom r, double rate) {
    return -Math.log(1 - r.nextDouble()) / rate;
  }

  @FunctionalInterface
  private interface InterruptibleTask {
    void run() throws InterruptedException;
  }
}
