package io.dpforge.decentralized.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.decentralized.graph.EdgeRates;
import io.dpforge.decentralized.sim.RunSpec;
import io.dpforge.decentralized.graph.Graphs;
import io.dpforge.decentralized.method.Dadao;
import io.dpforge.decentralized.method.RandomizedGossip;
import io.dpforge.decentralized.method.StepSchedule;
import io.dpforge.decentralized.problem.Problem;
import io.dpforge.decentralized.problem.Quadratics;
import io.dpforge.decentralized.rpc.proto.EdgeMessage;
import io.dpforge.decentralized.rpc.proto.GossipPeerGrpc;
import io.dpforge.decentralized.sim.SimulationResult;
import io.dpforge.decentralized.sim.Simulator;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Real gossip nodes over gRPC (in-process transport, so the test is fast; the loopback sockets run in
 * the cli tests). Smaller than the brief's d = 10⁴ deployment, which is run by the command and reported
 * in the README.
 */
class GossipClusterTest {

  @Test
  void clusterOfSixteenOnACycleTracksTheSimulatorsEventCounts() throws Exception {
    int d = 100;
    Problem p = Quadratics.random(16, d, 1, 10, 1);
    EdgeRates r = EdgeRates.uniform(Graphs.cycle(16));
    double target = 1e-4;
    SimulationResult sim = Simulator.builder(new RunSpec(p, r, Dadao.forProblem(p, r), target, 1000, 1)).build().run();
    RunSpec spec = new RunSpec(p, r, Dadao.forProblem(p, r), target, 600, 1);
    ClusterResult c = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> GossipCluster.builder(spec)
        .timeUnit(Duration.ofMillis(20)).pollInterval(1).transport(new InProcessTransport()).build().run());
    assertTrue(c.reachedTarget(), "cluster error " + c.error() + " mean lag " + c.meanLag());
    assertFalse(c.diverged());
    double gradientRatio = (double) c.gradients() / sim.gradients();
    double commRatio = (double) c.communications() / sim.communications();
    assertTrue(gradientRatio > 1 / 1.5 && gradientRatio < 1.5, "gradients " + c.gradients() + " vs " + sim.gradients());
    assertTrue(commRatio > 1 / 1.5 && commRatio < 1.5, "comms " + c.communications() + " vs " + sim.communications());
    // No lost update: every exchange applied by both ends, at one instant, so Σ z_i stays 0.
    assertEquals(c.initiated(), c.answered());
    assertEquals(0, c.failedExchanges());
    assertTrue(c.invariantDrift() < 1e-9, "drift " + c.invariantDrift());
    // Payload 8·d bytes each way, plus a few bytes of header per message.
    assertEquals(8L * d, c.payloadBytesPerDirection());
    assertTrue(c.bytesSent() >= 2 * 8L * d * c.initiated(), "bytes " + c.bytesSent());
    assertTrue(c.bytesSent() <= 2 * (8L * d + 32) * c.initiated(), "bytes " + c.bytesSent());
  }

  @Test
  void completeGraphUnderContentionNeverDeadlocks() {
    Problem p = Quadratics.random(6, 4, 1, 10, 2);
    EdgeRates r = EdgeRates.uniform(Graphs.complete(6));
    RunSpec spec = new RunSpec(p, r, new RandomizedGossip(StepSchedule.constant(0.5 / p.smoothness())), 1e-30, 60, 2);
    ClusterResult c = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> GossipCluster.builder(spec)
        .timeUnit(Duration.ofMillis(2)).initialSlowdown(1).pollInterval(10).transport(new InProcessTransport())
        .build().run());
    // Every one of the ~6.4 exchanges per unit over 60 units completed at both ends.
    assertTrue(c.initiated() > 200, "exchanges " + c.initiated());
    assertEquals(c.initiated(), c.answered());
    assertEquals(0, c.failedExchanges());
    assertTrue(Double.isNaN(c.invariantDrift()), "gossip has no exchange invariant");
  }

  @Test
  void peerRejectsMalformedExchanges() throws Exception {
    Problem p = Quadratics.random(3, 2, 1, 2, 1);
    EdgeRates r = EdgeRates.uniform(Graphs.path(3));
    InProcessTransport transport = new InProcessTransport();
    try (GossipPeer peer = GossipPeer.serve(0, r, p.local(0), Dadao.forProblem(p, r), new double[2], transport)) {
      ManagedChannel ch = transport.channel(0);
      try {
        GossipPeerGrpc.GossipPeerBlockingStub stub = GossipPeerGrpc.newBlockingStub(ch);
        assertStatus(Status.Code.INVALID_ARGUMENT, "reached node 0",
            () -> stub.exchange(Messages.edge(1, 2, 0, new double[2])));
        assertStatus(Status.Code.FAILED_PRECONDITION, "not a neighbour",
            () -> stub.exchange(Messages.edge(2, 0, 0, new double[2])));
        assertStatus(Status.Code.INVALID_ARGUMENT, "expects 2",
            () -> stub.exchange(Messages.edge(1, 0, 0, new double[3])));
        EdgeMessage ok = stub.exchange(Messages.edge(1, 0, 0, new double[] {1, 1}));
        assertEquals(2, ok.getVectorCount());
        assertEquals(1, peer.node().snapshot(0).answered());
      } finally {
        ch.shutdownNow();
      }
    }
  }

  private static void assertStatus(Status.Code code, String text, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(code, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains(text), e.getStatus().getDescription());
  }
}
