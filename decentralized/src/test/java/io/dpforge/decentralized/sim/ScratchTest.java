package io.dpforge.decentralized.sim;

import io.dpforge.decentralized.graph.*;
import io.dpforge.decentralized.method.*;
import io.dpforge.decentralized.problem.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
  static boolean NOW;
  record Ev(double exec, Event e) {}

  @Test
  void explore() {
    Graph g = Graphs.cycle(16);
    Problem p = Quadratics.random(16, 20, 1, 10, 1);
    EdgeRates r = EdgeRates.uniform(g);
    for (String mode : new String[] {"both", "both-now"}) { NOW = mode.endsWith("now");
     for (double lag : new double[] {2, 5, 8, 13}) {
      Dadao m = Dadao.forProblem(p, r);
      NodeState[] s = new NodeState[16];
      for (int i = 0; i < 16; i++) s[i] = m.newNode(new double[20]);
      PoissonClocks pc = new PoissonClocks(r, 1);
      SplittableRandom rng = new SplittableRandom(9);
      List<Ev> evs = new ArrayList<>();
      Event e;
      while ((e = pc.next()).time() < 300) {
        boolean delay = mode.startsWith("both") || (mode.equals("grad") && e.isGradient()) || (mode.equals("edge") && !e.isGradient());
        // bursts: with prob 1/200 a lag spike of size `lag`
        // global stalls: every 50 units a stall of length `lag`; events inside run at its end in random order
        double phase = e.time() % 50;
        double exec = delay && phase < lag ? e.time() - phase + lag + 1e-3 * rng.nextDouble() : e.time();
        evs.add(new Ev(exec, e));
      }
      evs.sort(Comparator.comparingDouble(Ev::exec));
      double[] pt = new double[20], gr = new double[20], mu = new double[20], mv = new double[20];
      double maxErr = 0;
      for (Ev ev : evs) {
        Event x = ev.e();
        if (x.isGradient()) {
          NodeState n = s[x.node()];
          n.flowTo(NOW ? ev.exec() : x.time()); n.gradientPoint(pt); p.local(x.node()).gradient(pt, gr); n.applyGradient(gr);
        } else {
          Edge ed = g.edge(x.edge());
          NodeState u = s[ed.u()], v = s[ed.v()];
          u.flowTo(NOW ? ev.exec() : x.time()); double at = u.time();
          u.message(at, mu); v.flowTo(at); v.message(at, mv);
          v.exchange(at, mv, mu); u.exchange(at, mu, mv);
        }
      }
      double err = 0; for (NodeState n : s) { n.estimateAt(300, pt); err += p.squaredDistance(pt); }
      System.out.printf("mode=%s lag=%.1f err(300)=%.3g%n", mode, lag, err / 16);
      for (int i = 0; i < 1; i++) { s[i].estimateAt(300, pt); }
     }
    }
  }
}
