package io.dpforge.decentralized.rpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.io.IOException;

/** How nodes reach each other: starts a node's server and opens channels to a node's server. */
public interface Transport {
  /** Builds and starts the server of {@code node}. */
  Server start(int node, BindableService service) throws IOException;

  /** A channel to {@code node}'s server (started before). */
  ManagedChannel channel(int node);
}
