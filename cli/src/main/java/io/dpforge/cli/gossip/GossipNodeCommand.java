package io.dpforge.cli.gossip;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.decentralized.graph.Edge;
import io.dpforge.decentralized.rpc.GossipNode;
import io.dpforge.decentralized.rpc.GossipPeer;
import io.dpforge.decentralized.rpc.NettyTransport;
import io.dpforge.decentralized.rpc.TimeBase;
import io.dpforge.dp.data.InvalidInputException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dpforge gossip node}: one gossip node for a real deployment. Every node is started with the
 * same setup options and seed (so all agree on the graph, the rates and the problem), its own id, the
 * address it listens on and the addresses of its neighbours; a shared {@code --start-at} lines their
 * clocks up.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run one gossip node: a gRPC server for its neighbours and a client of the neighbours whose"
        + " edges it owns (the higher ids), with Poisson clocks on wall-clock time, for a fixed duration.")
public final class GossipNodeCommand extends JsonCommand {
  @Mixin
  GossipSetup setup;

  @Option(names = "--id", required = true, description = "This node's id, 0..n-1.")
  int id;

  @Option(names = "--listen", defaultValue = "0.0.0.0:0",
      description = "host:port to listen on (port 0 picks a free one; default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--peers", split = ",",
      description = "Neighbours' addresses as ID=HOST:PORT, comma-separated (needed for every neighbour with a higher id).")
  List<String> peers = List.of();

  @Option(names = "--duration", defaultValue = "300", description = "Run for this many time units (default: ${DEFAULT-VALUE}).")
  double duration;

  @Option(names = "--time-unit-ms", defaultValue = "20",
      description = "Wall-clock length of one time unit (default: ${DEFAULT-VALUE}).")
  double timeUnitMs;

  @Option(names = "--start-at",
      description = "Time 0 as epoch milliseconds, the same on every node (default: 1 s after the neighbours connect).")
  Long startAt;

  @Option(names = "--warm-up", defaultValue = "20",
      description = "Units of slow start (5x longer) while the JVM warms up (default: ${DEFAULT-VALUE}).")
  double warmUp;

  @Option(names = "--linger-ms", defaultValue = "2000",
      description = "Keep answering neighbours this long after the clocks stop (default: ${DEFAULT-VALUE}).")
  long lingerMs;

  @Option(names = "--connect-timeout-s", defaultValue = "60",
      description = "How long to wait for the neighbours' servers (default: ${DEFAULT-VALUE}).")
  long connectTimeoutS;

  @Override
  protected Map<String, Object> execute(Console console) throws InterruptedException {
    if (!(duration > 0) || !(timeUnitMs > 0) || !(warmUp >= 0)) {
      throw new InvalidInputException("--duration and --time-unit-ms must be > 0, --warm-up >= 0");
    }
    GossipSetup.Built b = setup.build();
    if (id < 0 || id >= b.graph().nodes()) {
      throw new InvalidInputException("--id must be in 0.." + (b.graph().nodes() - 1) + ", got " + id);
    }
    Map<Integer, InetSocketAddress> addresses = peerAddresses();
    TreeSet<Integer> missing = new TreeSet<>();
    for (int e : b.graph().incidentEdges(id)) {
      Edge edge = b.graph().edge(e);
      if (edge.u() == id && !addresses.containsKey(edge.v())) {
        missing.add(edge.v());
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException("--peers lacks the address of neighbour(s) " + missing + " (node " + id
          + " starts the exchanges on those edges); give them as ID=HOST:PORT");
    }
    InetSocketAddress bind = address("--listen", listen);
    NettyTransport transport = NettyTransport.addressed(bind.getHostString(), bind.getPort(), addresses);
    console.println("node " + id + ": " + GossipSetup.summary(b));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Duration unit = Duration.ofNanos((long) (timeUnitMs * 1e6));
    try (GossipPeer peer = GossipPeer.serve(id, b.rates(), b.problem().local(id), b.method(),
        new double[b.problem().dim()], transport)) {
      Lines.printf(console, "node %d listening on %s:%d, neighbours %s%n", id, bind.getHostString(), peer.port(),
          b.graph().neighbours(id));
      peer.connect(transport, Duration.ofSeconds(connectTimeoutS));
      TimeBase clock = startAt != null ? TimeBase.atWallClock(startAt, unit, warmUp, 5)
          : TimeBase.startingIn(Duration.ofSeconds(1), unit, warmUp, 5);
      peer.startClocks(clock, duration, setup.seed * 1_000_003L + id, e -> failure.compareAndSet(null, e));
      double step = Math.max(1, Math.ceil(duration / 10));
      for (double t = step; t < duration + step; t += step) {
        long wait = clock.nanosUntil(Math.min(t, duration));
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        GossipNode.Snapshot s = peer.node().snapshot(clock.now());
        Lines.printf(console, "  t=%-8.1f gradients=%-8d exchanges=%d+%d ‖x_i − x*‖²=%.3e%n", s.time(),
            s.gradients(), s.initiated(), s.answered(), b.problem().squaredDistance(s.estimate()));
      }
      peer.awaitClocks();
      TimeUnit.MILLISECONDS.sleep(lingerMs);
      if (failure.get() != null) {
        throw new IllegalStateException("node " + id + " failed: " + failure.get(), failure.get());
      }
      GossipNode.Snapshot s = peer.node().snapshot(clock.now());
      double wall = clock.wallNanosAt(duration) / 1e9;
      Lines.printf(console, "node %d done: %,d gradients, %,d exchanges started (%,d failed), %,d answered,"
              + " %,d bytes sent in %.1f s; ‖x_i − x*‖² = %.3e; mean lag %.3f units%n", id, s.gradients(),
          s.initiated(), s.failed(), s.answered(), peer.bytesSent(), wall, b.problem().squaredDistance(s.estimate()),
          peer.meanLag());
      Map<String, Object> r = GossipSetup.describe(b);
      r.put("node", id);
      r.put("port", peer.port());
      r.put("neighbours", b.graph().neighbours(id));
      r.put("time", s.time());
      r.put("gradients", s.gradients());
      r.put("exchanges_initiated", s.initiated());
      r.put("exchanges_answered", s.answered());
      r.put("exchanges_failed", s.failed());
      r.put("bytes_sent", peer.bytesSent());
      r.put("payload_bytes_per_direction", 8L * b.problem().dim());
      r.put("wall_seconds", wall);
      r.put("local_error", b.problem().squaredDistance(s.estimate()));
      r.put("mean_lag", peer.meanLag());
      r.put("max_lag", peer.maxLag());
      return r;
    }
  }

  private Map<Integer, InetSocketAddress> peerAddresses() {
    Map<Integer, InetSocketAddress> out = new HashMap<>();
    for (String p : peers) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("--peers entry '" + p + "': expected ID=HOST:PORT");
      }
      int peerId;
      try {
        peerId = Integer.parseInt(p.substring(0, eq).strip());
      } catch (NumberFormatException e) {
        throw new InvalidInputException("--peers entry '" + p + "': node id '" + p.substring(0, eq) + "' is not an integer");
      }
      out.put(peerId, address("--peers entry for node " + peerId, p.substring(eq + 1).strip()));
    }
    return out;
  }

  private static InetSocketAddress address(String what, String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new InvalidInputException(what + ": expected HOST:PORT, got '" + hostPort + "'");
    }
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return InetSocketAddress.createUnresolved(hostPort.substring(0, colon), port);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(what + ": port in '" + hostPort + "' is not a number in 0..65535");
    }
  }
}
