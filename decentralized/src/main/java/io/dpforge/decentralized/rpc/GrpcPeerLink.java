package io.dpforge.decentralized.rpc;

import io.dpforge.decentralized.rpc.proto.EdgeMessage;
import io.dpforge.decentralized.rpc.proto.GossipPeerGrpc;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.atomic.AtomicLong;

/** The initiator's end of an edge over gRPC: one unary {@code Exchange} call per activation. */
final class GrpcPeerLink implements PeerLink {
  private final int from;
  private final int to;
  private final GossipPeerGrpc.GossipPeerBlockingStub stub;
  private final AtomicLong bytesSent;

  GrpcPeerLink(int from, int to, Channel channel, AtomicLong bytesSent) {
    this.from = from;
    this.to = to;
    // Wait for a neighbour that is still starting instead of failing the exchange.
    this.stub = GossipPeerGrpc.newBlockingStub(channel).withWaitForReady();
    this.bytesSent = bytesSent;
  }

  /** Sends {@code rounds} pings carrying a d-vector, to warm the transport and codecs up. */
  void warmUp(int rounds, int dim) {
    EdgeMessage m = Messages.edge(from, to, 0, new double[dim]);
    for (int i = 0; i < rounds; i++) {
      Messages.vector(stub.ping(m));
    }
  }

  @Override
  public double[] exchange(double time, double[] own) {
    EdgeMessage request = Messages.edge(from, to, time, own);
    try {
      EdgeMessage reply = stub.exchange(request);
      bytesSent.addAndGet(request.getSerializedSize());
      return Messages.vector(reply);
    } catch (StatusRuntimeException e) {
      throw new PeerUnavailableException("exchange " + from + "->" + to + " failed: " + e.getStatus(), e);
    }
  }
}
