package io.dpforge.decentralized.method;

import io.dpforge.decentralized.graph.Spectrum;

/**
 * A²CiD² (Nabli, Belilovsky &amp; Oyallon, NeurIPS 2023, arXiv 2306.08289, Algorithm 1; reference code
 * {@code AdelNabli/ACiD}): randomized gossip plus a continuous momentum x̃.
 *
 * <ul>
 *   <li>flow: dx = η(x̃ − x)dt, dx̃ = η(x − x̃)dt (closed form: x + x̃ is conserved, x − x̃ decays as
 *       e^{−2ηt});
 *   <li>gradient event: the same step x −= γ_k∇f_i(x), x̃ −= γ_k∇f_i(x);
 *   <li>edge event: x̃_i += β̃(x_j − x_i), then x_i ← (x_i + x_j)/2.
 * </ul>
 *
 * With χ1, χ2 of the rate-weighted Laplacian Λ (χ2 with its ½ factor): η = 1/(2√(χ1χ2)) and
 * β̃ = ½√(χ1/χ2).
 */
public final class Acid implements GossipMethod {
  private final StepSchedule schedule;
  private final double eta;
  private final double betaTilde;

  public Acid(StepSchedule schedule, Spectrum gossipLaplacian) {
    this.schedule = schedule;
    this.eta = 1 / (2 * Math.sqrt(gossipLaplacian.chi1() * gossipLaplacian.chi2()));
    this.betaTilde = 0.5 * Math.sqrt(gossipLaplacian.chi1() / gossipLaplacian.chi2());
  }

  @Override
  public String name() {
    return "acid";
  }

  public double eta() {
    return eta;
  }

  public double betaTilde() {
    return betaTilde;
  }

  @Override
  public NodeState newNode(double[] x0) {
    return new State(x0);
  }

  private final class State implements NodeState {
    private final double[] x;
    private final double[] xt;
    private long steps;
    private double t;

    State(double[] x0) {
      x = x0.clone();
      xt = x0.clone();
    }

    @Override
    public double time() {
      return t;
    }

    @Override
    public void flowTo(double target) {
      if (target <= t) {
        return;
      }
      double decay = Math.exp(-2 * eta * (target - t));
      for (int k = 0; k < x.length; k++) {
        double mean = 0.5 * (x[k] + xt[k]);
        double half = 0.5 * (x[k] - xt[k]) * decay;
        x[k] = mean + half;
        xt[k] = mean - half;
      }
      t = target;
    }

    @Override
    public void estimateAt(double target, double[] out) {
      double decay = Math.exp(-2 * eta * Math.max(0, target - t));
      for (int k = 0; k < x.length; k++) {
        out[k] = 0.5 * (x[k] + xt[k]) + 0.5 * (x[k] - xt[k]) * decay;
      }
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
        xt[k] -= step * gradient[k];
      }
    }

    @Override
    public void message(double at, double[] out) {
      // x as of time `at` (the flow run backwards when at < t).
      double decay = Math.exp(-2 * eta * (at - t));
      for (int k = 0; k < x.length; k++) {
        out[k] = 0.5 * (x[k] + xt[k]) + 0.5 * (x[k] - xt[k]) * decay;
      }
    }

    @Override
    public void exchange(double at, double[] own, double[] other) {
      // Jumps Δx = (x_j − x_i)/2 and Δx̃ = β̃(x_j − x_i) at time `at`, carried to t by the flow.
      double decay = Math.exp(-2 * eta * Math.max(0, t - at));
      for (int k = 0; k < x.length; k++) {
        double diff = other[k] - own[k];
        double dx = 0.5 * diff;
        double dxt = betaTilde * diff;
        double mean = 0.5 * (dx + dxt);
        double half = 0.5 * (dx - dxt) * decay;
        x[k] += mean + half;
        xt[k] += mean - half;
      }
    }
  }
}
