package io.dpforge.decentralized.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.decentralized.graph.EdgeRates;
import io.dpforge.decentralized.graph.EdgesPerRound;
import io.dpforge.decentralized.graph.Graph;
import io.dpforge.decentralized.graph.Graphs;
import io.dpforge.decentralized.method.Acid;
import io.dpforge.decentralized.method.Dadao;
import io.dpforge.decentralized.method.GossipMethod;
import io.dpforge.decentralized.method.RandomizedGossip;
import io.dpforge.decentralized.method.StepSchedule;
import io.dpforge.decentralized.problem.LeastSquares;
import io.dpforge.decentralized.problem.Partition;
import io.dpforge.decentralized.problem.Problem;
import io.dpforge.decentralized.problem.Quadratics;
import io.dpforge.decentralized.problem.TabularData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The convergence targets of the research brief, Part C (items 4 to 6), on seeded simulations. */
class ConvergenceTest {

  private static SimulationResult dadao(Problem p, EdgeRates r, double target, double maxTime, long seed) {
    return Simulator.builder(new RunSpec(p, r, Dadao.forProblem(p, r), target, maxTime, seed)).build().run();
  }

  @Test
  void cycleOfTenQuadraticsReachesOneInAMillionWithinBudget() {
    Problem p = Quadratics.random(10, 5, 1, 10, 1);
    EdgeRates r = EdgeRates.uniform(Graphs.cycle(10));
    SimulationResult res = dadao(p, r, 1e-6, 1000, 1);
    assertTrue(res.reachedTarget());
    assertTrue(res.gradients() <= 4000, "gradients " + res.gradients());
    assertTrue(res.communications() <= 6500, "communications " + res.communications());
    // Linear rate over the log-linear phase (after the first 50 time units of transient).
    double rate = res.rate(50, res.time());
    assertTrue(rate >= 0.035, "rate " + rate);
    // Communications per gradient follow the clocks: λ_mix / n = 15.35 / 10.
    assertEquals(1.535, res.communicationsPerGradient(), 0.1);
  }

  @Test
  void rateScalesWithTheSquareRootOfTheConditionNumber() {
    EdgeRates r = EdgeRates.uniform(Graphs.cycle(10));
    Problem easy = Quadratics.random(10, 5, 1, 10, 1);
    Problem hard = Quadratics.random(10, 5, 1, 100, 1);
    SimulationResult a = dadao(easy, r, 1e-10, 2000, 1);
    SimulationResult b = dadao(hard, r, 1e-10, 4000, 1);
    assertTrue(a.reachedTarget() && b.reachedTarget());
    double slowdown = a.rate(a.time() / 2, a.time()) / b.rate(b.time() / 2, b.time());
    // √κ acceleration: the brief's target band 2.2–3.5 around √(κ_hard/κ_easy).
    assertTrue(slowdown >= 2.2 && slowdown <= 3.5, "slowdown " + slowdown);
  }

  @Test
  void starOfThreeHundredOnPartitionedWageRegression() {
    TabularData data = TabularData.read(Path.of("../samples/cps1988/cps1988.csv"),
        Path.of("../samples/cps1988/domain.json"), "wage", List.of("education", "experience"), false);
    Problem p = LeastSquares.of(data, Partition.random(data.rows(), 300, 1));
    EdgeRates r = EdgeRates.uniform(Graphs.star(300));
    assertEquals(299.0, r.total(), 1e-9);
    SimulationResult res = Simulator.builder(new RunSpec(p, r, Dadao.forProblem(p, r), 1e-8, 400, 3))
        .evaluationInterval(0.5).build().run();
    assertTrue(res.reachedTarget());
    assertTrue(res.gradients() <= 120_000, "gradients " + res.gradients());
    assertTrue(res.communications() <= 120_000, "communications " + res.communications());
    assertEquals(299.0 / 300, res.communicationsPerGradient(), 0.02 * 299 / 300);
  }

  @ParameterizedTest
  @ValueSource(strings = {"path", "cycle"})
  void dadaoNeedsFewerCommunicationsThanGossipBaselines(String family) {
    Graph g = family.equals("path") ? Graphs.path(16) : Graphs.cycle(16);
    Problem p = Quadratics.random(16, 5, 1, 10, 1);
    EdgeRates r = EdgeRates.uniform(g);
    SimulationResult d = dadao(p, r, 1e-6, 2000, 1);
    assertTrue(d.reachedTarget());
    // The baselines, with a small grid of decaying steps, at the same edge rates and given as many
    // communications as DADAO used (same seed, so the same clocks), do not reach the target.
    for (double scale : new double[] {1, 0.5}) {
      for (double decayAfter : new double[] {10, 100}) {
        StepSchedule s = new StepSchedule(scale / p.smoothness(), decayAfter);
        for (GossipMethod m : List.of(new RandomizedGossip(s), new Acid(s, r.spectrum()))) {
          SimulationResult b = Simulator.builder(new RunSpec(p, r, m, 1e-6, d.time(), 1)).evaluationInterval(1)
              .build().run();
          assertFalse(b.reachedTarget(), m.name() + " " + s);
          assertTrue(b.communications() <= d.communications());
          assertTrue(b.error() > 1e-5, m.name() + " " + s + " error " + b.error());
        }
      }
    }
    if (family.equals("path")) {
      EdgesPerRound e = EdgesPerRound.of(g);
      assertTrue(e.adomPlusMultiConsensus() >= 10 * e.dadao());
    }
  }

  @Test
  void baselinesConvergeAndMomentumHelps() {
    Problem p = Quadratics.random(16, 5, 1, 10, 1);
    EdgeRates r = EdgeRates.uniform(Graphs.path(16));
    StepSchedule s = new StepSchedule(1 / p.smoothness(), 10);
    SimulationResult gossip = Simulator.builder(new RunSpec(p, r, new RandomizedGossip(s), 1e-12, 3000, 1))
        .evaluationInterval(1).build().run();
    SimulationResult acid = Simulator.builder(new RunSpec(p, r, new Acid(s, r.spectrum()), 1e-12, 3000, 1))
        .evaluationInterval(1).build().run();
    double start = gossip.trace().get(0).error();
    assertTrue(gossip.error() < 1e-3 * start, "gossip " + gossip.error() + " from " + start);
    assertTrue(acid.error() < gossip.error(), "acid " + acid.error() + " gossip " + gossip.error());
  }

  @Test
  void exchangesConserveTheSumOfConsensusDuals() {
    Problem p = Quadratics.random(10, 3, 1, 10, 4);
    EdgeRates r = EdgeRates.uniform(Graphs.randomGeometric(10, 0.5, 4));
    Network net = new Network(r.graph(), p, Dadao.forProblem(p, r), new double[3]);
    PoissonClocks clocks = new PoissonClocks(r, 4);
    Event e;
    while ((e = clocks.next()).time() < 50) {
      net.apply(e);
    }
    double[] sum = new double[3];
    double scale = 0;
    for (int i = 0; i < 10; i++) {
      double[] z = net.node(i).conservedTerm(60).orElseThrow();
      for (int k = 0; k < 3; k++) {
        sum[k] += z[k];
        scale += Math.abs(z[k]);
      }
    }
    assertTrue(scale > 1, "z moved");
    for (double v : sum) {
      assertEquals(0, v, 1e-12 * scale);
    }
  }
}
