package io.dpforge.decentralized.sim;

import io.dpforge.decentralized.graph.*;
import io.dpforge.decentralized.method.*;
import io.dpforge.decentralized.problem.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void explore() {
    Graph g = Graphs.cycle(16);
    Problem p = Quadratics.random(16, 20, 1, 10, 1);
    EdgeRates full = EdgeRates.uniform(g);
    Dadao m = Dadao.forProblem(p, full);
    for (double f : new double[] {1, 0.8, 0.5, 0.3, 0.1}) {
      double[] rr = full.rates().clone();
      for (int e = 0; e < rr.length; e++) rr[e] *= f;
      EdgeRates slow = new EdgeRates(g, rr, Spectrum.of(g, rr));
      SimulationResult res = Simulator.builder().problem(p).rates(slow).method(m).target(1e-8).maxTime(600).evaluationInterval(1).seed(1).build().run();
      double maxErr = res.trace().stream().mapToDouble(TracePoint::error).max().getAsDouble();
      System.out.printf("comm fraction %.1f reached=%s t=%.0f err=%.3g max=%.3g%n", f, res.reachedTarget(), res.time(), res.error(), maxErr);
    }
  }
}
