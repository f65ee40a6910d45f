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
  public void exchange(EdgeMessage request, StreamObserver<EdgeMessage> response) {
    if (request.getToNode() != node.id()) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("message for node " + request.getToNode()
          + " reached node " + node.id()).asRuntimeException());
      return;
    }
    if (!neighbours.contains(request.getFromNode())) {
      response.onError(Status.FAILED_PRECONDITION.withDescription("node " + request.getFromNode()
          + " is not a neighbour of node " + node.id()).asRuntimeException());
      return;
    }
    if (request.getVectorCount() != node.dim()) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("vector of length " + request.getVectorCount()
          + ", node " + node.id() + " expects " + node.dim()).asRuntimeException());
      return;
    }
    double[] own = node.respond(request.getTime(), Messages.vector(request));
    EdgeMessage reply = Messages.edge(node.id(), request.getFromNode(), request.getTime(), own);
    bytesSent.addAndGet(reply.getSerializedSize());
    response.onNext(reply);
    response.onCompleted();
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
