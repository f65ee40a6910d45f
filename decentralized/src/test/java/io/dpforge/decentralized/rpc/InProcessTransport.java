package io.dpforge.decentralized.rpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;

/** gRPC's in-process transport, for fast unit tests: the same calls, no sockets. */
final class InProcessTransport implements Transport {
  private final String prefix = InProcessServerBuilder.generateName();

  @Override
  public Server start(int node, BindableService service) throws IOException {
    return InProcessServerBuilder.forName(prefix + node).addService(service).build().start();
  }

  @Override
  public ManagedChannel channel(int node) {
    return InProcessChannelBuilder.forName(prefix + node).build();
  }
}
