package io.dpforge.cli.gossip;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.decentralized.sim.SimulationResult;
import io.dpforge.decentralized.sim.Simulator;
import io.dpforge.dp.data.InvalidInputException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dpforge gossip simulate}: exact discrete-event simulation of DADAO or a baseline. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Exact discrete-event simulation: Poisson gradient clocks (rate 1 per node) and edge clocks"
        + " (rates of the theory), exact flows between events. Prints gradients, communications, simulated time"
        + " and the final (1/n)Σ‖x_i − x*‖².")
public final class GossipSimulateCommand extends JsonCommand {
  @Mixin
  GossipSetup setup;

  @Mixin
  RunOptions run;

  @Option(names = "--eval-interval", defaultValue = "0.25",
      description = "Time between two error evaluations, in units (default: ${DEFAULT-VALUE}).")
  double evalInterval;

  @Override
  protected Map<String, Object> execute(Console console) {
    if (!(evalInterval > 0)) {
      throw new InvalidInputException("--eval-interval must be > 0, got " + evalInterval);
    }
    GossipSetup.Built b = setup.build();
    console.println(GossipSetup.summary(b));
    SimulationResult res = Simulator.builder(run.spec(b, setup.seed)).evaluationInterval(evalInterval)
        .progress(run.progress(console)).build().run();
    double initial = res.trace().get(0).error();
    double rate = res.trace().size() >= 4 ? res.rate(res.time() / 2, res.time()) : Double.NaN;
    Lines.printf(console, "%s %.1e at t=%.2f after %,d gradients and %,d communications (%.3f per gradient);"
            + " error %.3e (from %.3e), linear rate %.4f per time unit%n",
        res.reachedTarget() ? "reached" : "did NOT reach", run.target, res.time(), res.gradients(),
        res.communications(), res.communicationsPerGradient(), res.error(), initial, rate);
    run.report(console, "dpforge gossip simulate: " + b.method().name(), b,
        List.of(new ConvergenceChart.Series(b.method().name() + " (simulated)", res.trace())));
    Map<String, Object> r = run.result(b, setup.seed, res.reachedTarget(), res.gradients(), res.communications(),
        res.time(), res.error());
    r.put("communications_per_gradient", res.communicationsPerGradient());
    r.put("initial_error", initial);
    r.put("rate_per_time_unit", Double.isFinite(rate) ? rate : null);
    return r;
  }
}
