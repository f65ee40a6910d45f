package io.dpforge.decentralized.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
    RunSpec spec = new RunSpec(p, r, new RandomizedGossip(StepSchedule.constant(0.5 / p.smoothness())), 1e-30, 150, 2);
    ClusterResult c = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> GossipCluster.builder(spec)
        .timeUnit(Duration.ofMillis(2)).initialSlowdown(1).pollInterval(10).transport(new InProcessTransport())
        .build().run());
    // ~6.4 exchanges per unit over 150 units (~960; the pace controller may stretch units on a busy
    // machine, so only a quarter is required); every one completed at both ends.
    assertTrue(c.initiated() > 200, "exchanges " + c.initiated());
    assertEquals(c.initiated(), c.answered());
    assertEquals(0, c.failedExchanges());
    assertTrue(Double.isNaN(c.invariantDrift()), "gossip has no exchange invariant");
  }

  @Test
  void peerRejectsMalformedExchangesAndReleasesAbandonedOnes() throws Exception {
    Problem p = Quadratics.random(3, 2, 1, 2, 1);
    EdgeRates r = EdgeRates.uniform(Graphs.path(3));
    InProcessTransport transport = new InProcessTransport();
    try (GossipPeer peer = GossipPeer.serve(0, r, p.local(0), Dadao.forProblem(p, r), new double[2], transport)) {
      ManagedChannel ch = transport.channel(0);
      try {
        GossipPeerGrpc.GossipPeerStub stub = GossipPeerGrpc.newStub(ch);
        assertStatus(Status.Code.UNAVAILABLE, "not started its clock", stub, Messages.edge(1, 0, 0, new double[0]));
        peer.node().useClock(TimeBase.startingIn(Duration.ZERO, Duration.ofMillis(10), 0, 1));
        assertStatus(Status.Code.INVALID_ARGUMENT, "reached node 0", stub, Messages.edge(1, 2, 0, new double[0]));
        assertStatus(Status.Code.FAILED_PRECONDITION, "not a neighbour", stub, Messages.edge(2, 0, 0, new double[0]));
        assertStatus(Status.Code.INVALID_ARGUMENT, "expects 2", stub, Messages.edge(1, 0, 0, new double[0]),
            Messages.edge(1, 0, 0, new double[3]));
        // A stream abandoned after the first step leaves the node free and unchanged.
        Recorder abandoned = new Recorder();
        StreamObserver<EdgeMessage> requests = stub.exchange(abandoned);
        requests.onNext(Messages.edge(1, 0, 0, new double[0]));
        assertEquals(2, abandoned.next().getVectorCount());
        requests.onError(Status.CANCELLED.asRuntimeException());
        // A complete exchange is applied once.
        Recorder ok = new Recorder();
        requests = stub.exchange(ok);
        requests.onNext(Messages.edge(1, 0, 0, new double[0]));
        EdgeMessage offer = ok.next();
        requests.onNext(Messages.edge(1, 0, offer.getTime(), new double[] {1, 1}));
        assertEquals(0, ok.next().getVectorCount());
        requests.onCompleted();
        assertEquals(1, peer.node().snapshot(0).answered());
      } finally {
        ch.shutdownNow();
      }
    }
  }

  /** Records a stream's answers and its error, if any. */
  private static final class Recorder implements StreamObserver<EdgeMessage> {
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    Object poll() throws InterruptedException {
      Object o = queue.poll(10, TimeUnit.SECONDS);
      assertTrue(o != null, "no answer");
      return o;
    }

    EdgeMessage next() throws InterruptedException {
      return (EdgeMessage) poll();
    }

    @Override
    public void onNext(EdgeMessage value) {
      queue.add(value);
    }

    @Override
    public void onError(Throwable t) {
      queue.add(t);
    }

    @Override
    public void onCompleted() {
      // Answers are checked one by one.
    }
  }

  private static void assertStatus(Status.Code code, String text, GossipPeerGrpc.GossipPeerStub stub,
      EdgeMessage... messages) throws InterruptedException {
    Recorder rec = new Recorder();
    StreamObserver<EdgeMessage> requests = stub.exchange(rec);
    Object answer = null;
    for (EdgeMessage m : messages) {
      requests.onNext(m);
      answer = rec.poll();
    }
    assertTrue(answer instanceof StatusRuntimeException, "expected an error, got " + answer);
    StatusRuntimeException e = (StatusRuntimeException) answer;
    assertEquals(code, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains(text), e.getStatus().getDescription());
  }
}
