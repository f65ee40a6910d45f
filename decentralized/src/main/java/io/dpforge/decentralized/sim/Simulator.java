package io.dpforge.decentralized.sim;

import io.dpforge.decentralized.graph.EdgeRates;
import io.dpforge.decentralized.method.GossipMethod;
import io.dpforge.decentralized.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Exact discrete-event simulation of a gossip method: Poisson clocks of rate 1 per node and λ_e per
 * edge, events applied in time order with exact flows in between. The error (1/n)Σ‖x_i − x*‖² is
 * evaluated on a fixed time grid; the run stops at the first grid time where it is at most the target,
 * or at the time limit.
 */
public final class Simulator {
  private final Problem problem;
  private final EdgeRates rates;
  private final GossipMethod method;
  private final double target;
  private final double maxTime;
  private final double evaluationInterval;
  private final long seed;
  private final double[] start;
  private final Consumer<TracePoint> progress;

  private Simulator(Builder b) {
    this.problem = Objects.requireNonNull(b.problem, "problem");
    this.rates = Objects.requireNonNull(b.rates, "rates");
    this.method = Objects.requireNonNull(b.method, "method");
    this.target = b.target;
    this.maxTime = b.maxTime;
    this.evaluationInterval = b.evaluationInterval;
    this.seed = b.seed;
    this.start = b.start != null ? b.start : new double[problem.dim()];
    this.progress = b.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  public SimulationResult run() {
    Network net = new Network(rates.graph(), problem, method, start);
    EventSource events = new PoissonClocks(rates, seed);
    List<TracePoint> trace = new ArrayList<>();
    long k = 0;
    Event next = events.next();
    while (true) {
      double t = k * evaluationInterval;
      if (t > maxTime) {
        break;
      }
      while (next.time() <= t) {
        net.apply(next);
        next = events.next();
      }
      TracePoint p = new TracePoint(t, net.gradients(), net.communications(), net.error(t));
      trace.add(p);
      if (progress != null) {
        progress.accept(p);
      }
      if (p.error() <= target) {
        return new SimulationResult(method.name(), true, p.gradients(), p.communications(), t, p.error(), trace);
      }
      k++;
    }
    TracePoint last = trace.get(trace.size() - 1);
    return new SimulationResult(method.name(), false, last.gradients(), last.communications(), last.time(),
        last.error(), trace);
  }

  /** Builder; problem, rates and method are required. */
  public static final class Builder {
    private Problem problem;
    private EdgeRates rates;
    private GossipMethod method;
    private double target = 1e-6;
    private double maxTime = 1000;
    private double evaluationInterval = 0.25;
    private long seed;
    private double[] start;
    private Consumer<TracePoint> progress;

    public Builder problem(Problem p) {
      this.problem = p;
      return this;
    }

    public Builder rates(EdgeRates r) {
      this.rates = r;
      return this;
    }

    public Builder method(GossipMethod m) {
      this.method = m;
      return this;
    }

    /** Stop when (1/n)Σ‖x_i − x*‖² ≤ target (default 1e-6). */
    public Builder target(double eps) {
      if (!(eps > 0)) {
        throw new IllegalArgumentException("target must be > 0, got " + eps);
      }
      this.target = eps;
      return this;
    }

    /** Time limit in time units (default 1000). */
    public Builder maxTime(double t) {
      if (!(t > 0)) {
        throw new IllegalArgumentException("max time must be > 0, got " + t);
      }
      this.maxTime = t;
      return this;
    }

    /** Spacing of the error evaluations, in time units (default 0.25). */
    public Builder evaluationInterval(double dt) {
      if (!(dt > 0)) {
        throw new IllegalArgumentException("evaluation interval must be > 0, got " + dt);
      }
      this.evaluationInterval = dt;
      return this;
    }

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** x⁰ of every node (default 0). */
    public Builder start(double[] x0) {
      this.start = x0.clone();
      return this;
    }

    /** Called at every evaluation, for progress output. */
    public Builder progress(Consumer<TracePoint> listener) {
      this.progress = listener;
      return this;
    }

    public Simulator build() {
      return new Simulator(this);
    }
  }
}
