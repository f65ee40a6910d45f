package io.dpforge.decentralized.sim;

import java.util.List;

/**
 * What a run did. Counts and time are taken at the first evaluation where the error was at most the
 * target (or at the end of the run when it never was).
 *
 * @param method the method's name
 * @param reachedTarget whether (1/n) Σ‖x_i − x*‖² fell to the target
 * @param gradients gradient events up to that point
 * @param communications edge exchanges up to that point
 * @param time time units up to that point
 * @param error the error there
 * @param trace the error at every evaluation time
 */
public record SimulationResult(String method, boolean reachedTarget, long gradients, long communications, double time,
    double error, List<TracePoint> trace) {

  public SimulationResult {
    trace = List.copyOf(trace);
  }

  /** Communications per gradient. */
  public double communicationsPerGradient() {
    return gradients == 0 ? 0 : (double) communications / gradients;
  }

  /**
   * The linear convergence rate r of error ≈ C·e^{−r·t}: the least-squares slope of ln(error) against
   * time over the trace points whose time lies in [from, to].
   */
  public double rate(double from, double to) {
    double n = 0;
    double st = 0;
    double sy = 0;
    double stt = 0;
    double sty = 0;
    for (TracePoint p : trace) {
      if (p.time() >= from && p.time() <= to && p.error() > 0) {
        double y = Math.log(p.error());
        n++;
        st += p.time();
        sy += y;
        stt += p.time() * p.time();
        sty += p.time() * y;
      }
    }
    if (n < 2) {
      throw new IllegalArgumentException("fewer than two trace points in [" + from + ", " + to + "]");
    }
    return -(n * sty - st * sy) / (n * stt - st * st);
  }
}
