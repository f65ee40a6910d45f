package io.dpforge.decentralized.rpc;

import io.dpforge.decentralized.rpc.proto.EdgeMessage;
import io.dpforge.decentralized.rpc.proto.GossipPeerGrpc;
import io.dpforge.decentralized.rpc.proto.NodeSnapshot;
import io.dpforge.decentralized.rpc.proto.SnapshotRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Translates the wire contract to a {@link GossipNode}: the only class here that sees gRPC server types. */
public final class GossipPeerService extends GossipPeerGrpc.GossipPeerImplBase {
  private final GossipNode node;
  private final Set<Integer> neighbours;
  private final AtomicLong bytesSent;

  /**
   * @param neighbours ids allowed to start an exchange with this node
   * @param bytesSent counter of serialized bytes this node sends (responses added here)
   */
  public GossipPeerService(GossipNode node, Set<Integer> neighbours, AtomicLong bytesSent) {
    this.node = node;
    this.neighbours = Set.copyOf(neighbours);
    this.bytesSent = bytesSent;
  }

  @Override
  public StreamObserver<EdgeMessage> exchange(StreamObserver<EdgeMessage> response) {
    return new StreamObserver<>() {
      private GossipNode.Response pending;
      private boolean finished;

      @Override
      public void onNext(EdgeMessage m) {
        if (finished) {
          return;
        }
        if (pending == null) {
          Status bad = validatePrepare(m);
          if (bad != null) {
            fail(bad);
            return;
          }
          pending = node.beginResponse();
          EdgeMessage offer = Messages.edge(node.id(), m.getFromNode(), pending.time(), pending.message());
          bytesSent.addAndGet(offer.getSerializedSize());
          response.onNext(offer);
          return;
        }
        if (m.getVectorCount() != node.dim()) {
          node.abortResponse();
          pending = null;
          fail(Status.INVALID_ARGUMENT.withDescription("vector of length " + m.getVectorCount() + ", node "
              + node.id() + " expects " + node.dim()));
          return;
        }
        node.finishResponse(pending, Messages.vector(m));
        pending = null;
        finished = true;
        EdgeMessage ack = Messages.edge(node.id(), m.getFromNode(), m.getTime(), new double[0]);
        bytesSent.addAndGet(ack.getSerializedSize());
        response.onNext(ack);
        response.onCompleted();
      }

      @Override
      public void onError(Throwable t) {
        release();
      }

      @Override
      public void onCompleted() {
        release();
        if (!finished) {
          finished = true;
          response.onCompleted();
        }
      }

      private void release() {
        if (pending != null) {
          node.abortResponse();
          pending = null;
        }
      }

      private void fail(Status status) {
        finished = true;
        response.onError(status.asRuntimeException());
      }
    };
  }

  private Status validatePrepare(EdgeMessage m) {
    if (m.getToNode() != node.id()) {
      return Status.INVALID_ARGUMENT.withDescription("message for node " + m.getToNode() + " reached node "
          + node.id());
    }
    if (!neighbours.contains(m.getFromNode())) {
      return Status.FAILED_PRECONDITION.withDescription("node " + m.getFromNode() + " is not a neighbour of node "
          + node.id());
    }
    if (!node.started()) {
      return Status.UNAVAILABLE.withDescription("node " + node.id() + " has not started its clock yet");
    }
    return null;
  }

  @Override
  public void ping(EdgeMessage request, StreamObserver<EdgeMessage> response) {
    response.onNext(request);
    response.onCompleted();
  }

  @Override
  public void snapshot(SnapshotRequest request, StreamObserver<NodeSnapshot> response) {
    GossipNode.Snapshot s = node.snapshot(request.getTime());
    NodeSnapshot.Builder b = NodeSnapshot.newBuilder().setNode(s.node()).setTime(s.time())
        .setGradients(s.gradients()).setExchangesInitiated(s.initiated()).setExchangesAnswered(s.answered())
        .setBytesSent(bytesSent.get());
    for (double v : s.estimate()) {
      b.addEstimate(v);
    }
    response.onNext(b.build());
    response.onCompleted();
  }
}
