package io.dpforge.decentralized.rpc;

import io.dpforge.decentralized.graph.*;
import io.dpforge.decentralized.method.*;
import io.dpforge.decentralized.problem.*;
import io.dpforge.decentralized.sim.*;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScratchClusterTest {
  @Test
  void explore() throws Exception {
    int d = 100;
    Graph g = Graphs.cycle(16);
    Problem p = Quadratics.random(16, d, 1, 10, 1);
    EdgeRates r = EdgeRates.uniform(g);
    SimulationResult sr = Simulator.builder().problem(p).rates(r).method(Dadao.forProblem(p, r)).target(1e-9).maxTime(400).evaluationInterval(1).seed(1).build().run();
    System.out.printf("sim t=%.0f g=%d c=%d%n", sr.time(), sr.gradients(), sr.communications());
    int run = 0;
    for (Transport tr : new Transport[] {new InProcessTransport(), NettyTransport.loopback()}) {
      long t0 = System.nanoTime();
      ClusterResult c = GossipCluster.builder().problem(p).rates(r).method(Dadao.forProblem(p, r)).target(1e-6).maxTime(400)
          .timeUnit(Duration.ofMillis(20)).pollInterval(1).seed(1).transport(tr).progress(tp -> { if (tp.time() % 25 == 0) System.out.printf("   t=%.0f g=%d c=%d err=%.3g  wall=%.2f%n", tp.time(), tp.gradients(), tp.communications(), tp.error(), (System.nanoTime()-t0)/1e9); }).build().run();
      System.out.printf("d=%d cluster reached=%s t=%.1f grads=%d comms=%d answered=%d failed=%d wall=%.1fs bytes=%d drift=%.3g lag=%.3f/%.3f total %.1fs%n", d, c.reachedTarget(), c.time(), c.gradients(), c.communications(), c.answered(), c.failedExchanges(), c.wallSeconds(), c.bytesSent(), c.invariantDrift(), c.meanLag(), c.maxLag(), (System.nanoTime()-t0)/1e9);
    }
  }
}
