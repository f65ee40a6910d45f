package io.dpforge.decentralized.rpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real sockets (Netty, plaintext). Either every node on loopback with ephemeral ports (a cluster in one
 * process) or one node listening on a given port with its peers' addresses given (separate processes).
 */
public final class NettyTransport implements Transport {
  /** Large enough for d = 10⁷ doubles; gRPC's 4 MiB default would cap d near 5·10⁵. */
  private static final int MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

  private final String bindHost;
  private final int bindPort;
  private final Map<Integer, InetSocketAddress> addresses = new ConcurrentHashMap<>();

  private NettyTransport(String bindHost, int bindPort, Map<Integer, InetSocketAddress> peers) {
    this.bindHost = bindHost;
    this.bindPort = bindPort;
    this.addresses.putAll(peers);
  }

  /** All nodes in this process on 127.0.0.1, each on an ephemeral port. */
  public static NettyTransport loopback() {
    return new NettyTransport("127.0.0.1", 0, Map.of());
  }

  /** One node listening on {@code host:port}, reaching its peers at the given addresses. */
  public static NettyTransport addressed(String host, int port, Map<Integer, InetSocketAddress> peers) {
    return new NettyTransport(host, port, peers);
  }

  @Override
  public Server start(int node, BindableService service) throws IOException {
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(bindHost, bindPort))
        .addService(service).maxInboundMessageSize(MAX_MESSAGE_BYTES).build().start();
    addresses.putIfAbsent(node, new InetSocketAddress(bindHost, server.getPort()));
    return server;
  }

  @Override
  public ManagedChannel channel(int node) {
    InetSocketAddress a = addresses.get(node);
    if (a == null) {
      throw new IllegalStateException("no address known for node " + node);
    }
    return NettyChannelBuilder.forAddress(a.getHostString(), a.getPort()).usePlaintext()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES).build();
  }
}
