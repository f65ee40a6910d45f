package io.dpforge.decentralized.method;

/**
 * Asynchronous randomized gossip with local gradient steps (Boyd et al. 2006 gossip; AD-PSGD style,
 * Lian et al. 2018): a gradient event does x_i −= γ_k ∇f_i(x_i), an edge event averages
 * x_i, x_j ← (x_i + x_j)/2. Not accelerated; with heterogeneous f_i a constant step converges only to a
 * neighbourhood of x*, so the step decays (see {@link StepSchedule}).
 */
public final class RandomizedGossip implements GossipMethod {
  private final StepSchedule schedule;

  public RandomizedGossip(StepSchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public String name() {
    return "gossip";
  }

  @Override
  public NodeState newNode(double[] x0) {
    return new State(x0);
  }

  private final class State implements NodeState {
    private final double[] x;
    private long steps;
    private double t;

    State(double[] x0) {
      x = x0.clone();
    }

    @Override
    public double time() {
      return t;
    }

    @Override
    public void flowTo(double target) {
      t = Math.max(t, target);
    }

    @Override
    public void estimateAt(double target, double[] out) {
      System.arraycopy(x, 0, out, 0, x.length);
    }

    @Override
    public void gradientPoint(double[] out) {
      System.arraycopy(x, 0, out, 0, x.length);
    }

    @Override
    public void applyGradient(double[] gradient) {
      double step = schedule.step(steps++);
      for (int k = 0; k < x.length; k++) {
        x[k] -= step * gradient[k];
      }
    }

    @Override
    public void message(double at, double[] out) {
      System.arraycopy(x, 0, out, 0, x.length);
    }

    @Override
    public void exchange(double at, double[] own, double[] other) {
      for (int k = 0; k < x.length; k++) {
        x[k] = 0.5 * (own[k] + other[k]);
      }
    }
  }
}
