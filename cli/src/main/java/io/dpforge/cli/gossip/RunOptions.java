package io.dpforge.cli.gossip;

import io.dpforge.cli.Console;
import io.dpforge.decentralized.sim.RunSpec;
import io.dpforge.decentralized.sim.TracePoint;
import io.dpforge.dp.data.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** When a run stops and where its chart goes: shared by {@code simulate} and {@code cluster}. */
public final class RunOptions {
  @Option(names = "--target", defaultValue = "1e-6",
      description = "Stop when (1/n)Σ‖x_i − x*‖² is at most this (default: ${DEFAULT-VALUE}).")
  double target;

  @Option(names = "--max-time", defaultValue = "2000",
      description = "Time limit in time units (one unit = one expected gradient per node; default: ${DEFAULT-VALUE}).")
  double maxTime;

  @Option(names = "--report", description = "Write a self-contained HTML chart of the error curve(s) here.")
  Path report;

  /** The run of this setup. */
  RunSpec spec(GossipSetup.Built b, long seed) {
    if (!(target > 0) || !(maxTime > 0)) {
      throw new InvalidInputException("--target and --max-time must be > 0, got " + target + ", " + maxTime);
    }
    return new RunSpec(b.problem(), b.rates(), b.method(), target, maxTime, seed);
  }

  /** Writes the chart when {@code --report} was given. */
  void report(Console console, String title, GossipSetup.Built b, List<ConvergenceChart.Series> series) {
    if (report != null) {
      ConvergenceChart.write(report, title, GossipSetup.summary(b), series);
      console.println("chart: " + report);
    }
  }

  /** The JSON fields every run reports: the setup, then where and when it stopped. */
  Map<String, Object> result(GossipSetup.Built b, long seed, boolean reached, long gradients, long communications,
      double time, double error) {
    Map<String, Object> r = GossipSetup.describe(b);
    r.put("seed", seed);
    r.put("target", target);
    r.put("reached_target", reached);
    r.put("gradients", gradients);
    r.put("communications", communications);
    r.put("time", time);
    r.put("error", error);
    if (report != null) {
      r.put("report", report.toString());
    }
    return r;
  }

  /** Prints a progress line about twenty times over the time limit (every 10, 20, 50... units). */
  Consumer<TracePoint> progress(Console console) {
    double every = Math.max(1, Math.ceil(maxTime / 20 / 10) * 10);
    return p -> {
      if (Math.abs(Math.IEEEremainder(p.time(), every)) < 1e-9) {
        Lines.printf(console, "  t=%-8.1f gradients=%-10d communications=%-10d error=%.3e%n", p.time(),
            p.gradients(), p.communications(), p.error());
      }
    };
  }
}
