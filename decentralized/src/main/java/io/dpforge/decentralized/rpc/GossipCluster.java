package io.dpforge.decentralized.rpc;

import io.dpforge.decentralized.problem.Problem;
import io.dpforge.decentralized.rpc.proto.GossipPeerGrpc;
import io.dpforge.decentralized.rpc.proto.NodeSnapshot;
import io.dpforge.decentralized.rpc.proto.SnapshotRequest;
import io.dpforge.decentralized.sim.RunSpec;
import io.dpforge.decentralized.sim.TracePoint;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * N real gossip nodes in this process, each a gRPC server and a client of its neighbours, running their
 * Poisson clocks on wall-clock time (the research brief, §A4). A monitor polls every node's estimate
 * over the {@code Snapshot} call and stops the nodes when (1/n)Σ‖x_i − x*‖² reaches the target.
 *
 * <p>Before time 0 every link is connected and warmed up with pings; the clock then starts slow and
 * adapts its pace to what the machine sustains ({@link AdaptiveClock}), because DADAO diverges when the
 * realised communication rate falls well below the one its constants assume. After the run the nodes'
 * exchange invariant (Σ_i z_i = 0 for DADAO) is checked at a common time.
 */
public final class GossipCluster {
  private static final Duration START_DELAY = Duration.ofMillis(300);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final double DIVERGENCE_FACTOR = 1e6;
  private static final int WARM_UP_PINGS = 200;
  private static final long PACE_PERIOD_MS = 50;

  private final RunSpec spec;
  private final Problem problem;
  private final Duration timeUnit;
  private final double pollInterval;
  private final double initialSlowdown;
  private final Transport transport;
  private final Consumer<TracePoint> progress;

  private GossipCluster(Builder b) {
    this.spec = b.spec;
    this.problem = spec.problem();
    this.timeUnit = b.timeUnit;
    this.pollInterval = b.pollInterval;
    this.initialSlowdown = b.initialSlowdown;
    this.transport = b.transport != null ? b.transport : NettyTransport.loopback();
    this.progress = b.progress;
  }

  public static Builder builder(RunSpec spec) {
    return new Builder(spec);
  }

  public ClusterResult run() throws InterruptedException {
    int n = problem.nodes();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<GossipPeer> peers = new ArrayList<>();
    List<ManagedChannel> monitors = new ArrayList<>();
    Thread pacer = null;
    try {
      double[] x0 = new double[problem.dim()];
      for (int i = 0; i < n; i++) {
        peers.add(GossipPeer.serve(i, spec.rates(), problem.local(i), spec.method(), x0, transport));
      }
      for (GossipPeer p : peers) {
        p.connect(transport, CONNECT_TIMEOUT);
      }
      for (GossipPeer p : peers) {
        p.warmUp(WARM_UP_PINGS);
      }
      List<GossipPeerGrpc.GossipPeerBlockingStub> stubs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ManagedChannel ch = transport.channel(i);
        monitors.add(ch);
        Channels.awaitReady(ch, CONNECT_TIMEOUT);
        stubs.add(GossipPeerGrpc.newBlockingStub(ch));
      }
      // Time 0 only once every node is up and connected: late clocks would fire a burst of events.
      AdaptiveClock clock = new AdaptiveClock(START_DELAY.toNanos(), timeUnit.toNanos(), initialSlowdown);
      long startNanos = System.nanoTime() + START_DELAY.toNanos();
      pacer = startPacer(clock, peers);
      for (int i = 0; i < n; i++) {
        long seed = spec.seed() * 1_000_003L + i;
        peers.get(i).startClocks(clock, spec.maxTime(), seed, e -> failure.compareAndSet(null, e));
      }
      List<TracePoint> trace = new ArrayList<>();
      for (long k = 0; ; k++) {
        double t = Math.min(k * pollInterval, spec.maxTime());
        sleepUntil(clock, t);
        if (failure.get() != null) {
          throw new IllegalStateException("a node failed: " + failure.get(), failure.get());
        }
        TracePoint p = poll(stubs, clock, t);
        trace.add(p);
        if (progress != null) {
          progress.accept(p);
        }
        if (p.error() <= spec.target() || t >= spec.maxTime() || diverged(trace)) {
          break;
        }
      }
      double wall = (System.nanoTime() - startNanos) / 1e9;
      for (GossipPeer p : peers) {
        p.stopClocks();
      }
      return summarise(peers, trace, wall);
    } finally {
      if (pacer != null) {
        pacer.interrupt();
      }
      for (ManagedChannel ch : monitors) {
        ch.shutdownNow();
        ch.awaitTermination(5, TimeUnit.SECONDS);
      }
      for (GossipPeer p : peers) {
        p.close();
      }
    }
  }

  /** The result, from the trace and the nodes' counters once their clocks have stopped. */
  private ClusterResult summarise(List<GossipPeer> peers, List<TracePoint> trace, double wall) {
    TracePoint last = trace.get(trace.size() - 1);
    long bytes = 0;
    long initiated = 0;
    long answered = 0;
    long failed = 0;
    double end = 0;
    double lagSum = 0;
    double maxLag = 0;
    for (GossipPeer p : peers) {
      lagSum += p.meanLag();
      maxLag = Math.max(maxLag, p.maxLag());
      GossipNode.Snapshot s = p.node().snapshot(0);
      bytes += p.bytesSent();
      initiated += s.initiated();
      answered += s.answered();
      failed += s.failed();
      end = Math.max(end, s.time());
    }
    return new ClusterResult(last.error() <= spec.target(), diverged(trace), last.gradients(), last.communications(),
        initiated, answered, failed, last.time(), wall, last.error(), bytes, 8L * problem.dim(),
        invariantDrift(peers, end), lagSum / peers.size(), maxLag, trace);
  }

  /** Reads every node's estimate at the current time; the trace point is labelled with poll time t. */
  private TracePoint poll(List<GossipPeerGrpc.GossipPeerBlockingStub> stubs, GossipClock clock, double t) {
    long gradients = 0;
    long comms = 0;
    double err = 0;
    double[] x = new double[problem.dim()];
    for (GossipPeerGrpc.GossipPeerBlockingStub stub : stubs) {
      NodeSnapshot s = stub.snapshot(SnapshotRequest.newBuilder().setTime(clock.now()).build());
      for (int k = 0; k < x.length; k++) {
        x[k] = s.getEstimate(k);
      }
      err += problem.squaredDistance(x);
      gradients += s.getGradients();
      comms += s.getExchangesInitiated();
    }
    return new TracePoint(t, gradients, comms, err / stubs.size());
  }

  /**
   * Adjusts the clock's pace every {@link #PACE_PERIOD_MS} ms of wall-clock time from the nodes' lateness
   * behind their Poisson schedules, independently of the (slower) polls.
   */
  private static Thread startPacer(AdaptiveClock clock, List<GossipPeer> peers) {
    Thread t = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          TimeUnit.MILLISECONDS.sleep(PACE_PERIOD_MS);
          double worst = 0;
          for (GossipPeer p : peers) {
            worst = Math.max(worst, p.recentLag());
          }
          clock.adjust(worst);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "gossip-cluster-pacer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * A run whose error became non-finite or grew 10⁶-fold over its start has diverged; in practice
   * because the nodes fell behind their Poisson clocks (the time unit is too short for the hardware),
   * so the realised communication rate dropped below the one DADAO's constants assume.
   */
  private static boolean diverged(List<TracePoint> trace) {
    double err = trace.get(trace.size() - 1).error();
    return !Double.isFinite(err) || err > DIVERGENCE_FACTOR * trace.get(0).error();
  }

  private static double invariantDrift(List<GossipPeer> peers, double t) {
    double[] sum = null;
    double scale = 0;
    for (GossipPeer p : peers) {
      Optional<double[]> term = p.node().conservedTerm(t);
      if (term.isEmpty()) {
        return Double.NaN;
      }
      double[] z = term.get();
      if (sum == null) {
        sum = new double[z.length];
      }
      double norm = 0;
      for (int k = 0; k < z.length; k++) {
        sum[k] += z[k];
        norm += z[k] * z[k];
      }
      scale += Math.sqrt(norm);
    }
    double s = 0;
    for (double v : sum) {
      s += v * v;
    }
    return scale == 0 ? 0 : Math.sqrt(s) / scale;
  }

  private static void sleepUntil(GossipClock clock, double t) throws InterruptedException {
    long remaining;
    while ((remaining = clock.nanosUntil(t)) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(remaining, 20_000_000L));
    }
  }

  /** Builder of a cluster run of one {@link RunSpec}. */
  public static final class Builder {
    private final RunSpec spec;
    private Duration timeUnit = Duration.ofMillis(20);
    private double pollInterval = 1;
    private double initialSlowdown = 5;
    private Transport transport;
    private Consumer<TracePoint> progress;

    private Builder(RunSpec spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
    }

    /**
     * Requested wall-clock length of one time unit, the mean time between two gradients of a node
     * (default 20 ms). The unit is lengthened while the machine cannot keep up (see {@link AdaptiveClock}).
     */
    public Builder timeUnit(Duration unit) {
      if (unit.isNegative() || unit.isZero()) {
        throw new IllegalArgumentException("time unit must be positive, got " + unit);
      }
      this.timeUnit = unit;
      return this;
    }

    /** Time between two polls of the nodes, in units (default 1). */
    public Builder pollInterval(double units) {
      if (!(units > 0)) {
        throw new IllegalArgumentException("poll interval must be > 0, got " + units);
      }
      this.pollInterval = units;
      return this;
    }

    /**
     * How many times longer than the requested unit the first units last (default 5): a fresh JVM
     * cannot keep up at once. The pace then adapts to the machine (see {@link AdaptiveClock}).
     */
    public Builder initialSlowdown(double factor) {
      if (!(factor >= 1)) {
        throw new IllegalArgumentException("initial slowdown must be >= 1, got " + factor);
      }
      this.initialSlowdown = factor;
      return this;
    }

    /** How nodes reach each other (default: Netty on loopback, ephemeral ports). */
    public Builder transport(Transport t) {
      this.transport = t;
      return this;
    }

    public Builder progress(Consumer<TracePoint> listener) {
      this.progress = listener;
      return this;
    }

    public GossipCluster build() {
      return new GossipCluster(this);
    }
  }
}
