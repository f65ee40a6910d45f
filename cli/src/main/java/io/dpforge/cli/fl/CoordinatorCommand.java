package io.dpforge.cli.fl;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.client.compute.CpuBackend;
import io.dpforge.client.model.DenseNetwork;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.federated.checkpoint.CheckpointStore;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.CoordinatorOptions;
import io.dpforge.federated.metrics.StatusSnapshot;
import io.dpforge.federated.server.CoordinatorServer;
import io.dpforge.federated.secagg.SecureAggregation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dpforge coordinator}: serves a federated-learning coordinator over gRPC until training ends. */
@Command(
    name = "coordinator",
    mixinStandardHelpOptions = true,
    description = "Run a federated-learning coordinator (FedAvg, async FedAvg, FedBuff or FedFix) over gRPC with"
        + " mutual TLS (--tls-dir) or, for tests, plaintext (--insecure); --secure-aggregation masks every update."
        + " Runs until --max-versions, the privacy budget, or Ctrl-C; resumes from --checkpoint when it holds one.")
public final class CoordinatorCommand extends JsonCommand {
  @Option(names = "--port", defaultValue = "7070", description = "Port to listen on, 0 for any (default ${DEFAULT-VALUE}).")
  int port;

  @Mixin
  StrategyOptions strategy;

  @Mixin
  ModelOptions model;

  @Mixin
  CentralDpOptions dp;

  @Option(names = "--dimension",
      description = "Serve a zero vector of this dimension instead of --model (for load tests; no ML).")
  Integer dimension;

  @Option(names = "--max-versions", defaultValue = "0", description = "Finish after this many versions, 0 for no limit.")
  long maxVersions;

  @Option(names = "--checkpoint", description = "Directory of checkpoints: resumed from at start, written every"
      + " --checkpoint-every versions.")
  Path checkpoint;

  @Option(names = "--checkpoint-every", defaultValue = "10", description = "Versions between checkpoints (default ${DEFAULT-VALUE}).")
  long checkpointEvery;

  @Mixin
  ServerSecurityOptions security;

  @Mixin
  SecureAggregationOptions secureAggregation;

  @Option(names = "--staging-mib", defaultValue = "1024",
      description = "Memory for uploads in flight, MiB; past it clients are told to retry (default ${DEFAULT-VALUE}).")
  long stagingMib;

  @Option(names = "--log-every", defaultValue = "10", description = "Seconds between status lines, 0 for none (default ${DEFAULT-VALUE}).")
  double logEvery;

  @Option(names = "--seed", defaultValue = "1", description = "Seeds the initial model and FedAvg's round selection.")
  long seed;

  @Override
  protected Map<String, Object> execute(Console console) throws Exception {
    double[] init;
    if (dimension != null) {
      if (dimension < 1) {
        throw new InvalidInputException("--dimension must be >= 1, got " + dimension);
      }
      init = new double[dimension];
    } else {
      DenseNetwork net = model.network(CpuBackend.common());
      init = net.initialParameters(new SplittableRandom(seed));
      console.println("model: " + net.describe());
    }
    CoordinatorOptions options = CoordinatorOptions.defaults()
        .withMaxVersions(maxVersions)
        .withCheckpointEvery(checkpoint == null ? 0 : checkpointEvery)
        .withStagingBudget(stagingMib << 20, Duration.ofMillis(500))
        .withSeed(seed)
        .withLogInterval(logEvery > 0 ? Duration.ofMillis((long) (logEvery * 1000)) : Duration.ZERO);
    security.open(checkpoint, console);
    Coordinator.Builder b = Coordinator.builder(strategy.strategy(), init)
        .importance(strategy.importance())
        .options(options)
        .log(console::println);
    dp.apply(b, strategy, checkpoint, console);
    if (checkpoint != null) {
      b.checkpoints(new CheckpointStore(checkpoint, 3));
    }
    SecureAggregation masking = secureAggregation.build(security.signatures(), console);
    if (masking != null) {
      b.maskedCohorts(masking);
    }
    Coordinator c;
    try {
      c = b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
    CoordinatorServer server = security.apply(CoordinatorServer.builder(c).port(port).secureAggregation(masking))
        .build().start();
    Thread hook = new Thread(() -> {
      c.finish("stopped by signal");
      server.close();
      security.close();
    });
    Runtime.getRuntime().addShutdownHook(hook);
    console.printf("coordinator %s listening on port %d (%s%s, strategy %s, version %s)%n", c.runId(), server.port(),
        security.describe(), masking == null ? "" : ", secure aggregation", c.strategy().name(),
        c.currentModel().version());
    String reason = c.whenFinished().get();
    StatusSnapshot s = c.status();
    server.close();
    security.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Stopped by a signal: the JVM is already shutting down and runs the hook itself.
    }
    console.println("finished: " + reason + " | " + s.logLine());
    Map<String, Object> r = FlJson.status(s);
    r.put("transport", security.describe());
    r.put("secure_aggregation", masking != null);
    r.put("cohorts_abandoned", s.cohortsAbandoned());
    return r;
  }
}
