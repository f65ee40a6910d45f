package io.dpforge.decentralized.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dpforge.decentralized.graph.EdgeRates;
import io.dpforge.decentralized.graph.Graph;
import io.dpforge.decentralized.graph.Graphs;
import io.dpforge.decentralized.method.Dadao;
import io.dpforge.decentralized.problem.LocalObjective;
import io.dpforge.decentralized.problem.Problem;
import io.dpforge.decentralized.problem.Quadratics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The research brief's deterministic scenario T-A1: a 3-node path, seven scripted events, 36 numbers. */
class EventTraceTest {

  @Test
  void threeNodePathMatchesTestVector() {
    Graph path = Graphs.path(3);
    double[] a = {1, 2, 4};
    double[][] b = {{1, 0}, {0, 1}, {-1, 2}};
    List<LocalObjective> locals = List.of(
        new Quadratics.Objective(new double[] {a[0], a[0]}, b[0]),
        new Quadratics.Objective(new double[] {a[1], a[1]}, b[1]),
        new Quadratics.Objective(new double[] {a[2], a[2]}, b[2]));
    Problem problem = new Problem("T-A1", locals, 4, 1, new double[] {-3.0 / 7, 10.0 / 7});
    EdgeRates rates = EdgeRates.uniform(path);
    assertEquals(2.0, rates.total(), 1e-12);
    assertEquals(1.0, rates.spectrum().chi1(), 1e-12);
    Dadao dadao = Dadao.forProblem(problem, rates);
    assertEquals(5.656854249492, dadao.constants().betaTilde(), 1e-11);
    assertEquals(0.0625, dadao.constants().gamma(), 0);

    // Edge 0 is 0–1 and edge 1 is 1–2 in Graphs.path.
    Network net = new Network(path, problem, dadao, new double[2]);
    double[][] x0 = {{0.5, -0.5}, {0, 0}, {1, 1}};
    Network started = startAt(path, problem, dadao, x0);
    List<Event> script = List.of(
        Event.gradient(0.10, 0), Event.communication(0.25, 0), Event.gradient(0.40, 2),
        Event.communication(0.70, 1), Event.gradient(1.00, 1), Event.communication(1.30, 0),
        Event.gradient(1.50, 0));
    script.forEach(started::apply);
    for (int i = 0; i < 3; i++) {
      started.node(i).flowTo(1.5);
    }
    double[][][] expected = {
        {{0.50998938537, -0.453148604222}, {0.127975702907, 0.007333180637}, {-0.100568221285, -0.032105350178},
         {-0.724136808522, -0.223879285602}, {0.149484338775, -0.075697919967}, {1.374635805295, -0.735715731685}},
        {{-0.002982451750, 0.132125431705}, {-0.008001526192, 0.354475173793}, {-0.002141995048, -0.094774414634},
         {-0.065739262396, -2.223002500170}, {0.038798223784, -0.033843004958}, {-0.154127062994, 0.025635867183}},
        {{0.433415276275, 1.24694179487}, {-1.214034873975, 0.843758950989}, {0.782635299796, -0.481543870227},
         {8.631958887065, -5.335262779373}, {-0.18828256256, 0.109540924925}, {-1.220508742301, 0.710079864502}},
    };
    for (int i = 0; i < 3; i++) {
      Dadao.State s = (Dadao.State) started.node(i);
      for (int r = 0; r < 6; r++) {
        double[] row = s.row(r);
        for (int k = 0; k < 2; k++) {
          assertEquals(expected[i][r][k], row[k], 1e-10, "node " + i + " row " + r + " coord " + k);
        }
      }
    }
    assertEquals(4, started.gradients());
    assertEquals(3, started.communications());
    assertEquals(0, net.gradients());
  }

  /** A network whose nodes start at different points (the simulator starts them all at one x⁰). */
  private static Network startAt(Graph g, Problem p, Dadao dadao, double[][] x0) {
    return new Network(g, p, new io.dpforge.decentralized.method.GossipMethod() {
      private int next;

      @Override
      public String name() {
        return "dadao";
      }

      @Override
      public io.dpforge.decentralized.method.NodeState newNode(double[] ignored) {
        return dadao.newNode(x0[next++]);
      }
    }, new double[2]);
  }
}
