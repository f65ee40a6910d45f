package io.dpforge.client.fl;

import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.Model;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.ModelSnapshot;
import io.dpforge.federated.metrics.ClientParticipation;
import io.dpforge.federated.metrics.StatusSnapshot;
import io.dpforge.federated.secagg.SecureAggregation;
import io.dpforge.federated.server.CoordinatorServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The real coordinator and N real clients in one process, over loopback gRPC: every client is a
 * {@link FederatedClient} on its own thread, trains with its {@link LocalTrainer} and sleeps to its
 * sampled completion time; the global model is evaluated on the test set periodically. Ends at the
 * time limit, at the target accuracy (when asked to stop there), or when the coordinator finishes.
 */
public final class FederatedSimulation {
  private final Coordinator coordinator;
  private final Model model;
  private final Dataset test;
  private final int clients;
  private final IntFunction<LocalTrainer> trainers;
  private final IntFunction<Long> examples;
  private final Duration duration;
  private final Duration evaluateEvery;
  private final double targetAccuracy;
  private final boolean stopAtTarget;
  private final Consumer<SimulationResult.Point> progress;
  private final SecureAggregation secureAggregation;

  private FederatedSimulation(Builder b) {
    this.coordinator = b.coordinator;
    this.model = b.model;
    this.test = b.test;
    this.clients = b.clients;
    this.trainers = b.trainers;
    this.examples = b.examples;
    this.duration = b.duration;
    this.evaluateEvery = b.evaluateEvery;
    this.targetAccuracy = b.targetAccuracy;
    this.stopAtTarget = b.stopAtTarget;
    this.progress = b.progress;
    this.secureAggregation = b.secureAggregation;
  }

  public static Builder builder(Coordinator coordinator, Model model, Dataset test) {
    return new Builder(coordinator, model, test);
  }

  /** Runs the simulation; the coordinator is finished (not closed) when this returns. */
  public SimulationResult run() throws InterruptedException {
    try (CoordinatorServer server = CoordinatorServer.builder(coordinator).port(0).secureAggregation(secureAggregation)
        .build().start()) {
      String target = "localhost:" + server.port();
      AtomicInteger failures = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      List<FederatedClient> fcs = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        FederatedClient c = FederatedClient.builder().target(target).clientId(String.format("client-%04d", i))
            .numExamples(examples.apply(i)).trainer(trainers.apply(i)).jitterSeed(i).build();
        c.register();
        fcs.add(c);
      }
      evaluate(System.nanoTime()); // warms the evaluation up, so the first timed one is not slow
      long start = System.nanoTime();
      for (FederatedClient c : fcs) {
        Thread t = new Thread(() -> {
          try {
            c.run(Long.MAX_VALUE);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            if (coordinator.runState() == io.dpforge.federated.core.RunState.TRAINING) {
              failures.incrementAndGet();
            }
          }
        }, "sim-" + c.hashCode());
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
      List<SimulationResult.Point> curve = new ArrayList<>();
      double best = 0;
      double secondsToTarget = Double.NaN;
      long uploadsToTarget = -1;
      long versionsToTarget = -1;
      String reason = "";
      while (true) {
        Thread.sleep(evaluateEvery.toMillis());
        SimulationResult.Point p = evaluate(start);
        curve.add(p);
        progress.accept(p);
        best = Math.max(best, p.accuracy());
        if (Double.isNaN(secondsToTarget) && p.accuracy() >= targetAccuracy) {
          secondsToTarget = p.seconds();
          uploadsToTarget = p.uploads();
          versionsToTarget = p.version();
          if (stopAtTarget) {
            reason = String.format("reached target accuracy %.3f", targetAccuracy);
            break;
          }
        }
        if (coordinator.runState() == io.dpforge.federated.core.RunState.FINISHED) {
          break;
        }
        if (threads.stream().noneMatch(Thread::isAlive)) {
          reason = "every client stopped (e.g. its local privacy budget was spent)";
          break;
        }
        if (p.seconds() >= duration.toNanos() / 1e9) {
          reason = "time limit " + duration.toSeconds() + " s";
          break;
        }
      }
      coordinator.finish(reason.isEmpty() ? "simulation over" : reason);
      SimulationResult.Point last = evaluate(start);
      curve.add(last);
      for (Thread t : threads) {
        t.join(2000);
        t.interrupt();
      }
      fcs.forEach(FederatedClient::close);
      return result(last, best, secondsToTarget, uploadsToTarget, versionsToTarget, failures.get(), curve);
    }
  }

  private SimulationResult.Point evaluate(long start) {
    ModelSnapshot m = coordinator.currentModel();
    double[] w = new double[m.values().length];
    for (int i = 0; i < w.length; i++) {
      w[i] = m.values()[i];
    }
    double acc = model.accuracy(w, test);
    return new SimulationResult.Point((System.nanoTime() - start) / 1e9, m.version().number(),
        coordinator.status().updatesAccepted(), acc);
  }

  private SimulationResult result(SimulationResult.Point last, double best, double secondsToTarget,
      long uploadsToTarget, long versionsToTarget, int failures, List<SimulationResult.Point> curve) {
    StatusSnapshot s = coordinator.status();
    double maxDev = 0;
    double sumDev = 0;
    double sumHorizonDev = 0;
    for (ClientParticipation p : s.participation()) {
      double dev = Math.abs(p.meanWeightPerCoveredStep() - p.importance()) / p.importance();
      maxDev = Math.max(maxDev, dev);
      sumDev += dev;
      sumHorizonDev += Math.abs(p.meanWeightPerStep() - p.importance()) / p.importance();
    }
    int n = Math.max(1, s.participation().size());
    return new SimulationResult(s.strategy(), clients, last.accuracy(), Math.max(best, last.accuracy()),
        targetAccuracy, secondsToTarget, uploadsToTarget, versionsToTarget, s.version().number(),
        s.updatesAccepted(), last.seconds(), s.meanStaleness(), s.stalenessQuantile(0.99), s.meanWeightSum(),
        maxDev, sumDev / n, sumHorizonDev / n, s.finishReason(), failures,
        List.copyOf(curve), s.privacy());
  }

  /** Builds a {@link FederatedSimulation}. */
  public static final class Builder {
    private final Coordinator coordinator;
    private final Model model;
    private final Dataset test;
    private int clients;
    private IntFunction<LocalTrainer> trainers;
    private IntFunction<Long> examples = i -> 0L;
    private Duration duration = Duration.ofMinutes(5);
    private Duration evaluateEvery = Duration.ofSeconds(1);
    private double targetAccuracy = Double.NaN;
    private boolean stopAtTarget;
    private Consumer<SimulationResult.Point> progress = p -> { };
    private SecureAggregation secureAggregation;

    private Builder(Coordinator coordinator, Model model, Dataset test) {
      this.coordinator = Objects.requireNonNull(coordinator);
      this.model = Objects.requireNonNull(model);
      this.test = Objects.requireNonNull(test);
    }

    /** N clients; client i trains with {@code trainers.apply(i)} and reports {@code examples.apply(i)}. */
    public Builder clients(int n, IntFunction<LocalTrainer> trainersById, IntFunction<Long> examplesById) {
      if (n < 1) {
        throw new IllegalArgumentException("clients must be >= 1, got " + n);
      }
      this.clients = n;
      this.trainers = Objects.requireNonNull(trainersById);
      this.examples = Objects.requireNonNull(examplesById);
      return this;
    }

    /** Wall-clock limit. */
    public Builder duration(Duration d) {
      this.duration = Objects.requireNonNull(d);
      return this;
    }

    public Builder evaluateEvery(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("evaluation interval must be positive, got " + d);
      }
      this.evaluateEvery = d;
      return this;
    }

    /** Records when test accuracy first reaches {@code accuracy}; stops there when {@code stop}. */
    public Builder target(double accuracy, boolean stop) {
      this.targetAccuracy = accuracy;
      this.stopAtTarget = stop;
      return this;
    }

    public Builder progress(Consumer<SimulationResult.Point> p) {
      this.progress = Objects.requireNonNull(p);
      return this;
    }

    /**
     * The secure aggregation the coordinator was built with ({@code maskedCohorts}): clients then mask
     * their updates (off by default in simulations).
     */
    public Builder secureAggregation(SecureAggregation s) {
      this.secureAggregation = s;
      return this;
    }

    public FederatedSimulation build() {
      if (trainers == null) {
        throw new IllegalStateException("set the clients: builder.clients(n, trainers, examples)");
      }
      return new FederatedSimulation(this);
    }
  }
}
