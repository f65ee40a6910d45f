package io.dpforge.decentralized.rpc;

import io.dpforge.decentralized.graph.Edge;
import io.dpforge.decentralized.graph.EdgeRates;
import io.dpforge.decentralized.graph.Graph;
import io.dpforge.decentralized.method.GossipMethod;
import io.dpforge.decentralized.problem.LocalObjective;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One gossip node running for real: its {@link GossipNode}, its gRPC server, channels to the neighbours
 * of the edges it owns, and its Poisson clocks. Started in two steps so that every server of a cluster
 * is up and connected before any clock runs: {@link #serve}, {@link #connect}, then {@link #startClocks}.
 */
public final class GossipPeer implements AutoCloseable {
  private final GossipNode node;
  private final Graph graph;
  private final EdgeRates rates;
  private final AtomicLong bytesSent = new AtomicLong();
  private final Server server;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<GrpcPeerLink> links = new ArrayList<>();
  private final List<Double> ownedRates = new ArrayList<>();
  private NodeClocks clocks;

  private GossipPeer(GossipNode node, Graph graph, EdgeRates rates, Transport transport) throws IOException {
    this.node = node;
    this.graph = graph;
    this.rates = rates;
    Set<Integer> neighbours = new HashSet<>(graph.neighbours(node.id()));
    this.server = transport.start(node.id(), new GossipPeerService(node, neighbours, bytesSent));
  }

  /** Creates node {@code id} (starting at x0) and starts its server. */
  public static GossipPeer serve(int id, EdgeRates rates, LocalObjective objective, GossipMethod method, double[] x0,
      Transport transport) {
    GossipNode node = new GossipNode(id, method.newNode(x0), objective);
    try {
      return new GossipPeer(node, rates.graph(), rates, transport);
    } catch (IOException e) {
      throw new UncheckedIOException("node " + id + " cannot start its server: " + e.getMessage(), e);
    }
  }

  /**
   * Opens channels to the neighbours of the edges this node owns and waits until they are connected, so
   * that the clocks, once started, do not spend their first events on connection set-up.
   *
   * @param timeout how long to wait for the neighbours' servers
   * @throws IllegalStateException when a neighbour cannot be reached in time
   */
  public void connect(Transport transport, Duration timeout) throws InterruptedException {
    for (int e : graph.incidentEdges(node.id())) {
      Edge edge = graph.edge(e);
      if (edge.u() == node.id()) {
        ManagedChannel ch = transport.channel(edge.v());
        channels.add(ch);
        links.add(new GrpcPeerLink(node.id(), edge.v(), ch, bytesSent));
        ownedRates.add(rates.rate(e));
      }
    }
    for (ManagedChannel ch : channels) {
      Channels.awaitReady(ch, timeout);
    }
  }

  /**
   * Pings every owned neighbour {@code rounds} times with a d-vector (no state changes), so the code
   * paths of an exchange are compiled before the clocks start.
   */
  public void warmUp(int rounds) {
    for (GrpcPeerLink link : links) {
      link.warmUp(rounds, node.dim());
    }
  }

  /**
   * Starts the Poisson clocks.
   *
   * @param until time (units) after which the clocks start no more events
   */
  public void startClocks(GossipClock clock, double until, long seed, Consumer<Throwable> onError) {
    node.useClock(clock);
    clocks = new NodeClocks(node, List.copyOf(links), ownedRates.stream().mapToDouble(Double::doubleValue).toArray(), clock, until,
        seed, onError);
    clocks.start();
  }

  public GossipNode node() {
    return node;
  }

  /** Serialized bytes this node has sent (requests it initiated and responses it answered). */
  public long bytesSent() {
    return bytesSent.get();
  }

  public int port() {
    return server.getPort();
  }

  /** Stops the clocks and waits for in-flight events; the server keeps answering. */
  public void stopClocks() throws InterruptedException {
    if (clocks != null) {
      clocks.stop();
    }
  }

  /** Mean lateness of this node's events behind schedule, in units (see {@link NodeClocks#meanLag}). */
  public double meanLag() {
    return clocks == null ? 0 : clocks.meanLag();
  }

  /** Mean lateness since the previous call (see {@link NodeClocks#recentLag}). */
  public double recentLag() {
    return clocks == null ? 0 : clocks.recentLag();
  }

  public double maxLag() {
    return clocks == null ? 0 : clocks.maxLag();
  }

  /** Waits until the clocks have run to their end time. */
  public void awaitClocks() throws InterruptedException {
    if (clocks != null) {
      clocks.awaitEnd();
    }
  }

  /** Stops the clocks, closes the channels and shuts the server down (waiting up to 5 s for each). */
  @Override
  public void close() {
    try {
      stopClocks();
      for (ManagedChannel ch : channels) {
        ch.shutdown();
      }
      for (ManagedChannel ch : channels) {
        ch.awaitTermination(5, TimeUnit.SECONDS);
      }
      server.shutdown();
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }
}
