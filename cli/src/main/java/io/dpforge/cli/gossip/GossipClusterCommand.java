package io.dpforge.cli.gossip;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.decentralized.rpc.ClusterResult;
import io.dpforge.decentralized.sim.RunSpec;
import io.dpforge.decentralized.rpc.GossipCluster;
import io.dpforge.decentralized.sim.RunSpec;
import io.dpforge.decentralized.sim.SimulationResult;
import io.dpforge.decentralized.sim.Simulator;
import io.dpforge.dp.data.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dpforge gossip cluster}: N real nodes in this process, each a gRPC server on a loopback socket
 * and a client of its neighbours, with Poisson clocks on wall-clock time. Runs the simulator on the same
 * setup and reports both, so the real run's event counts can be compared with the exact ones.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Run N gossip nodes on loopback (each a gRPC server and a client of its neighbours), with"
        + " Poisson timers on wall-clock time, until the error reaches the target. Prints gradients,"
        + " communications, bytes sent, wall time, and the simulator's counts on the same setup.")
public final class GossipClusterCommand extends JsonCommand {
  @Mixin
  GossipSetup setup;

  @Mixin
  RunOptions run;

  @Option(names = "--time-unit-ms", defaultValue = "20",
      description = "Wall-clock length of one time unit, the mean time between two gradients of a node. Must be"
          + " long enough for the machine to keep up with the clocks (see mean_lag). Default: ${DEFAULT-VALUE}.")
  double timeUnitMs;

  @Option(names = "--poll", defaultValue = "1",
      description = "Time between two polls of the nodes' estimates, in units (default: ${DEFAULT-VALUE}).")
  double poll;

  @Option(names = "--initial-slowdown", defaultValue = "5",
      description = "The first time units last this many times longer while the JVM warms up; the pace then"
          + " adapts to what the machine sustains (default: ${DEFAULT-VALUE}).")
  double initialSlowdown;

  @Override
  protected Map<String, Object> execute(Console console) throws InterruptedException {
    if (!(timeUnitMs > 0) || !(poll > 0) || !(initialSlowdown >= 1)) {
      throw new InvalidInputException("--time-unit-ms and --poll must be > 0, --initial-slowdown >= 1");
    }
    GossipSetup.Built b = setup.build();
    RunSpec spec = run.spec(b, setup.seed);
    console.println(GossipSetup.summary(b));
    SimulationResult sim = Simulator.builder(spec).build().run();
    Lines.printf(console, "simulator: %s at t=%.1f with %,d gradients and %,d communications%n",
        sim.reachedTarget() ? "reached" : "did not reach", sim.time(), sim.gradients(), sim.communications());
    ClusterResult c = GossipCluster.builder(spec).timeUnit(Duration.ofNanos((long) (timeUnitMs * 1e6)))
        .pollInterval(poll).initialSlowdown(initialSlowdown).progress(run.progress(console)).build().run();
    double unitMs = 1000 * c.wallSeconds() / c.time();
    Lines.printf(console, "cluster: %s %.1e at t=%.1f after %,d gradients and %,d communications;"
            + " %.2f s wall (%.1f ms per unit on average), %,.0f exchanges/s, %.1f MB/s sent;"
            + " mean lag %.3f units (max %.2f)%n",
        c.reachedTarget() ? "reached" : "did NOT reach", run.target, c.time(), c.gradients(), c.communications(),
        c.wallSeconds(), unitMs, c.communicationsPerSecond(), c.bytesPerSecond() / 1e6, c.meanLag(), c.maxLag());
    if (c.diverged()) {
      throw new IllegalStateException(String.format(Locale.ROOT, "the cluster diverged: its nodes fell behind their"
          + " Poisson clocks (mean lag %.2f units, max %.1f), so the realised communication rate dropped below the"
          + " one DADAO's constants need; use a longer --time-unit-ms or a larger --initial-slowdown", c.meanLag(), c.maxLag()));
    }
    run.report(console, "dpforge gossip cluster: " + b.method().name(), b,
        List.of(new ConvergenceChart.Series("gRPC cluster", c.trace()),
            new ConvergenceChart.Series("simulator (same setup)", sim.trace())));
    Map<String, Object> r = run.result(b, setup.seed, c.reachedTarget(), c.gradients(), c.communications(), c.time(),
        c.error());
    r.put("wall_seconds", c.wallSeconds());
    r.put("time_unit_ms", timeUnitMs);
    r.put("mean_time_unit_ms", unitMs);
    r.put("bytes_sent", c.bytesSent());
    r.put("payload_bytes_per_direction", c.payloadBytesPerDirection());
    r.put("exchanges_per_second", c.communicationsPerSecond());
    r.put("bytes_per_second", c.bytesPerSecond());
    r.put("exchanges_initiated", c.initiated());
    r.put("exchanges_answered", c.answered());
    r.put("exchanges_failed", c.failedExchanges());
    r.put("invariant_drift", Double.isNaN(c.invariantDrift()) ? null : c.invariantDrift());
    r.put("mean_lag", c.meanLag());
    r.put("max_lag", c.maxLag());
    r.put("simulator_reached_target", sim.reachedTarget());
    r.put("simulator_gradients", sim.gradients());
    r.put("simulator_communications", sim.communications());
    r.put("simulator_time", sim.time());
    r.put("gradient_ratio", (double) c.gradients() / sim.gradients());
    r.put("communication_ratio", (double) c.communications() / sim.communications());
    return r;
  }
}
