package io.dpforge.decentralized.method;

import io.dpforge.decentralized.graph.EdgeRates;
import io.dpforge.decentralized.problem.Problem;
import java.util.Optional;

/**
 * DADAO, Decoupled Accelerated Decentralized Asynchronous Optimization (Nabli &amp; Oyallon, ICML
 * 2023, arXiv 2208.00779, Algorithm 1). Update rules as in the authors' reference code:
 *
 * <ul>
 *   <li>between events every node follows the linear flow ds/dt = M·s of {@link DadaoConstants},
 *       integrated lazily and exactly with exp(M·Δt) when the node next takes part in an event;
 *   <li>gradient event (node Poisson clock, rate 1): g = ∇f_i(x) − νx − ỹ, then x −= γg, x̃ −= γ̃g,
 *       ỹ += (δ + δ̃)g;
 *   <li>communication event on edge (i, j) (edge clock, rate λ_ij): m = (y_i + z_i) − (y_j + z_j),
 *       then z_i −= βm, z̃_i −= β̃m and z_j += βm, z̃_j += β̃m.
 * </ul>
 */
public final class Dadao implements GossipMethod {
  private static final int X = 0;
  private static final int XT = 1;
  private static final int Y = 2;
  private static final int YT = 3;
  private static final int Z = 4;
  private static final int ZT = 5;

  private final DadaoConstants c;
  private final LinearFlow flow;

  public Dadao(DadaoConstants constants) {
    this.c = constants;
    this.flow = new LinearFlow(constants.flowMatrix());
  }

  /** DADAO with the constants for this problem and these edge rates (χ1 of the rate-weighted Laplacian). */
  public static Dadao forProblem(Problem problem, EdgeRates rates) {
    return new Dadao(DadaoConstants.of(problem.smoothness(), problem.strongConvexity(), rates.spectrum().chi1()));
  }

  public DadaoConstants constants() {
    return c;
  }


  @Override
  public String name() {
    return "dadao";
  }

  @Override
  public State newNode(double[] x0) {
    return new State(x0);
  }

  /** One node's six vectors x, x̃, y, ỹ, z, z̃ and its last event time. */
  public final class State implements NodeState {
    private final double[][] s;
    private final int d;
    private double t;

    State(double[] x0) {
      d = x0.length;
      s = new double[6][d];
      System.arraycopy(x0, 0, s[X], 0, d);
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
      double[][] p = flow.propagator(target - t);
      double[] col = new double[6];
      for (int k = 0; k < d; k++) {
        for (int r = 0; r < 6; r++) {
          col[r] = s[r][k];
        }
        for (int r = 0; r < 6; r++) {
          double[] pr = p[r];
          s[r][k] = pr[0] * col[0] + pr[1] * col[1] + pr[2] * col[2] + pr[3] * col[3] + pr[4] * col[4]
              + pr[5] * col[5];
        }
      }
      t = target;
    }

    @Override
    public void estimateAt(double target, double[] out) {
      if (target <= t) {
        System.arraycopy(s[X], 0, out, 0, d);
        return;
      }
      // x depends only on (x, x̃): the top-left block of exp(M·Δt).
      double[][] p = flow.propagator(target - t);
      for (int k = 0; k < d; k++) {
        out[k] = p[X][X] * s[X][k] + p[X][XT] * s[XT][k];
      }
    }

    @Override
    public void gradientPoint(double[] out) {
      System.arraycopy(s[X], 0, out, 0, d);
    }

    @Override
    public void applyGradient(double[] gradient) {
      double step = c.delta() + c.deltaTilde();
      for (int k = 0; k < d; k++) {
        double g = gradient[k] - c.nu() * s[X][k] - s[YT][k];
        s[X][k] -= c.gamma() * g;
        s[XT][k] -= c.gammaTilde() * g;
        s[YT][k] += step * g;
      }
    }

    @Override
    public void message(double at, double[] out) {
      if (at >= t) {
        for (int k = 0; k < d; k++) {
          out[k] = s[Y][k] + s[Z][k];
        }
        return;
      }
      double[][] p = flow.propagator(at - t);
      for (int k = 0; k < d; k++) {
        double v = 0;
        for (int c = 0; c < 6; c++) {
          v += (p[Y][c] + p[Z][c]) * s[c][k];
        }
        out[k] = v;
      }
    }

    @Override
    public void exchange(double at, double[] own, double[] other) {
      if (at >= t) {
        for (int k = 0; k < d; k++) {
          double m = own[k] - other[k];
          s[Z][k] -= c.beta() * m;
          s[ZT][k] -= c.betaTilde() * m;
        }
        return;
      }
      // The jump (Δz, Δz̃) = (−βm, −β̃m) at time `at`, carried to t by exp(M·(t − at)).
      double[][] p = flow.propagator(t - at);
      for (int k = 0; k < d; k++) {
        double m = own[k] - other[k];
        double dz = -c.beta() * m;
        double dzt = -c.betaTilde() * m;
        for (int r = 0; r < 6; r++) {
          s[r][k] += p[r][Z] * dz + p[r][ZT] * dzt;
        }
      }
    }

    /**
     * z at time t. Exchanges move ±β·m between the two ends' z, gradients never touch z, and the flow
     * is linear in (z, z̃) alone; as z = z̃ = 0 at the start, Σ_i z_i(t) = 0 at every t.
     */
    @Override
    public Optional<double[]> conservedTerm(double target) {
      double[] out = new double[d];
      double[][] p = flow.propagator(Math.max(0, target - t));
      for (int k = 0; k < d; k++) {
        out[k] = p[Z][Z] * s[Z][k] + p[Z][ZT] * s[ZT][k];
      }
      return Optional.of(out);
    }

    /** Row r (0..5 = x, x̃, y, ỹ, z, z̃) of the state, a copy. */
    public double[] row(int r) {
      return s[r].clone();
    }
  }
}
