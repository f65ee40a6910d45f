package io.dpforge.decentralized.rpc;

import io.dpforge.decentralized.rpc.proto.EdgeMessage;
import io.dpforge.decentralized.rpc.proto.GossipPeerGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The initiator's end of an edge over gRPC: one two-step {@code Exchange} stream per activation. */
final class GrpcPeerLink implements PeerLink {
  /** How long to wait for each step's answer before giving the exchange up. */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  private final int from;
  private final int to;
  private final GossipPeerGrpc.GossipPeerStub async;
  private final GossipPeerGrpc.GossipPeerBlockingStub blocking;
  private final AtomicLong bytesSent;

  GrpcPeerLink(int from, int to, Channel channel, AtomicLong bytesSent) {
    this.from = from;
    this.to = to;
    // Wait for a neighbour that is still starting instead of failing the exchange.
    this.async = GossipPeerGrpc.newStub(channel).withWaitForReady();
    this.blocking = GossipPeerGrpc.newBlockingStub(channel).withWaitForReady();
    this.bytesSent = bytesSent;
  }

  /** Sends {@code rounds} pings carrying a d-vector, to warm the transport and codecs up. */
  void warmUp(int rounds, int dim) {
    EdgeMessage m = Messages.edge(from, to, 0, new double[dim]);
    for (int i = 0; i < rounds; i++) {
      Messages.vector(blocking.ping(m));
    }
  }

  @Override
  public void exchange(Initiator initiator) {
    Replies replies = new Replies();
    StreamObserver<EdgeMessage> requests = async.exchange(replies);
    boolean done = false;
    try {
      EdgeMessage prepare = Messages.edge(from, to, 0, new double[0]);
      requests.onNext(prepare);
      EdgeMessage offer = replies.next();
      double[] own = initiator.messageAt(offer.getTime(), Messages.vector(offer));
      EdgeMessage commit = Messages.edge(from, to, offer.getTime(), own);
      requests.onNext(commit);
      replies.next();
      requests.onCompleted();
      bytesSent.addAndGet(prepare.getSerializedSize() + commit.getSerializedSize());
      done = true;
    } finally {
      if (!done) {
        requests.onError(Status.CANCELLED.withDescription("exchange " + from + "->" + to + " abandoned")
            .asRuntimeException());
      }
    }
  }

  /** The responder's answers, one at a time. */
  private final class Replies implements StreamObserver<EdgeMessage> {
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    EdgeMessage next() {
      Object o;
      try {
        o = queue.poll(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PeerUnavailableException("exchange " + from + "->" + to + " interrupted", e);
      }
      if (o instanceof EdgeMessage m) {
        return m;
      }
      if (o == null) {
        throw new PeerUnavailableException("exchange " + from + "->" + to + ": no answer in " + STEP_TIMEOUT, null);
      }
      Throwable t = (Throwable) o;
      String status = t instanceof StatusRuntimeException s ? s.getStatus().toString() : t.toString();
      throw new PeerUnavailableException("exchange " + from + "->" + to + " failed: " + status, t);
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
      // The acknowledgement has already arrived; nothing more is expected.
    }
  }
}
