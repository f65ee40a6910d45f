package io.dpforge.cli.fl;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.client.compute.CpuBackend;
import io.dpforge.client.data.Dataset;
import io.dpforge.client.data.FashionMnist;
import io.dpforge.client.fl.DelayModel;
import io.dpforge.client.fl.FederatedSimulation;
import io.dpforge.client.fl.ModelTrainer;
import io.dpforge.client.fl.SimulationResult;
import io.dpforge.client.fl.SleepToCompletion;
import io.dpforge.client.model.DenseNetwork;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.io.AtomicFiles;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.CoordinatorOptions;
import io.dpforge.federated.secagg.SecureAggregation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dpforge fl simulate}: the real coordinator and N real clients over loopback gRPC in one process. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Simulate federated training: the real coordinator and N real clients over loopback gRPC in"
        + " one process; clients sleep to sampled completion times; the global model is evaluated on the test"
        + " set periodically.")
public final class SimulateCommand extends JsonCommand {
  @Option(names = "--clients", required = true, description = "Number of clients N.")
  int clients;

  @Mixin
  StrategyOptions strategy;

  @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist (default ${DEFAULT-VALUE}).")
  String dataset;

  @Mixin
  PartitionedData data;

  @Option(names = "--delays", defaultValue = "lognormal:0,0.5",
      description = "Client completion times in seconds: lognormal:MU,S (per-client speed exp(MU + S·Z)),"
          + " exp:MEAN (every round) or fixed-range:LO,HI (default ${DEFAULT-VALUE}).")
  String delays;

  @Option(names = "--duration", defaultValue = "300", description = "Wall-clock limit, seconds (default ${DEFAULT-VALUE}).")
  double duration;

  @Option(names = "--versions", defaultValue = "0", description = "Stop after this many model versions (0: no limit).")
  long versions;

  @Option(names = "--target-accuracy", description = "Report the time to this test accuracy.")
  Double targetAccuracy;

  @Option(names = "--stop-at-target", description = "Stop when the target accuracy is reached.")
  boolean stopAtTarget;

  @Option(names = "--eval-every", defaultValue = "1", description = "Seconds between evaluations (default ${DEFAULT-VALUE}).")
  double evalEvery;

  @Option(names = "--curve", description = "Write the accuracy curve here (CSV: seconds,version,uploads,accuracy).")
  Path curve;

  @Mixin
  ModelOptions model;

  @Mixin
  CentralDpOptions dp;

  @Mixin
  SecureAggregationOptions secureAggregation;

  @Mixin
  LocalTrainingOptions training;

  @Override
  protected Map<String, Object> execute(Console console) throws Exception {
    if (!dataset.equals("fashion-mnist")) {
      throw new InvalidInputException("--dataset: only fashion-mnist is available, got '" + dataset + "'");
    }
    if (clients < 1) {
      throw new InvalidInputException("--clients must be >= 1, got " + clients);
    }
    DelayModel delayModel;
    try {
      delayModel = DelayModel.parse(delays);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--delays: " + e.getMessage(), e);
    }
    FashionMnist.Split split = data.load();
    List<Dataset> parts = data.split(split.train(), clients);
    // Clients train single-threaded (there are many of them); the evaluation uses every core.
    DenseNetwork local = model.network(CpuBackend.builder().threads(1).build());
    DenseNetwork eval = model.network(CpuBackend.common());
    double[] init = eval.initialParameters(new SplittableRandom(data.seed));
    console.printf("%d clients (Dirichlet α = %s), %s, delays %s, strategy %s%n", clients, data.alpha, eval.describe(),
        delayModel.spec(), strategy.strategy().name());
    DelayModel.Schedule schedule = delayModel.schedule(clients, data.seed);
    CoordinatorOptions options = CoordinatorOptions.defaults().withMaxVersions(versions).withSeed(data.seed);
    Coordinator.Builder cb = Coordinator.builder(strategy.strategy(), init).importance(strategy.importance())
        .options(options);
    dp.apply(cb, strategy, null, console);
    SecureAggregation masking = secureAggregation.build(null, console);
    if (masking != null) {
      cb.maskedCohorts(masking);
    }
    Coordinator built;
    try {
      built = cb.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
    try (Coordinator c = built) {
      long[] printed = {0};
      SimulationResult r = FederatedSimulation.builder(c, eval, split.test())
          .clients(clients, i -> new SleepToCompletion(new ModelTrainer(local, parts.get(i),
              training.forClient(data.seed, i, parts.get(i).size()).optimizerForRound()), schedule, i),
              i -> (long) parts.get(i).size())
          .duration(Duration.ofMillis((long) (duration * 1000)))
          .evaluateEvery(Duration.ofMillis((long) (evalEvery * 1000)))
          .target(targetAccuracy == null ? Double.NaN : targetAccuracy, stopAtTarget)
          .progress(p -> {
            if (p.seconds() >= printed[0]) {
              console.printf("%6.1f s  version %5d  uploads %6d  accuracy %.4f%n", p.seconds(), p.version(),
                  p.uploads(), p.accuracy());
              printed[0] = (long) p.seconds() + 5;
            }
          })
          .secureAggregation(masking)
          .build()
          .run();
      console.printf("%s: final accuracy %.4f (best %.4f), %d versions, %d uploads in %.1f s; staleness mean %.2f"
              + " p99 %d; %s%n", r.strategy(), r.finalAccuracy(), r.bestAccuracy(), r.versions(), r.uploads(),
          r.seconds(), r.stalenessMean(), r.stalenessP99(), r.finishReason());
      if (r.reachedTarget()) {
        console.printf("target %.3f reached after %.1f s and %d uploads%n", r.targetAccuracy(), r.secondsToTarget(),
            r.uploadsToTarget());
      }
      if (curve != null) {
        writeCurve(r);
      }
      return json(r);
    }
  }

  private void writeCurve(SimulationResult r) {
    StringBuilder csv = new StringBuilder("seconds,version,uploads,accuracy\n");
    for (SimulationResult.Point p : r.curve()) {
      csv.append(String.format(Locale.ROOT, "%.3f,%d,%d,%.5f%n", p.seconds(), p.version(), p.uploads(), p.accuracy()));
    }
    AtomicFiles.writeString(curve, csv.toString());
  }

  private Map<String, Object> json(SimulationResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("strategy", r.strategy());
    m.put("weights", strategy.strategy().weights().spec());
    m.put("clients", r.clients());
    m.put("alpha", data.alpha);
    m.put("delays", delays);
    m.put("final_accuracy", r.finalAccuracy());
    m.put("best_accuracy", r.bestAccuracy());
    m.put("target_accuracy", targetAccuracy);
    m.put("seconds_to_target", r.reachedTarget() ? r.secondsToTarget() : null);
    m.put("uploads_to_target", r.reachedTarget() ? r.uploadsToTarget() : null);
    m.put("versions_to_target", r.reachedTarget() ? r.versionsToTarget() : null);
    m.put("versions", r.versions());
    m.put("uploads", r.uploads());
    m.put("seconds", r.seconds());
    m.put("staleness_mean", r.stalenessMean());
    m.put("staleness_p99", r.stalenessP99());
    m.put("mean_weight_sum", r.meanWeightSum());
    m.put("max_weight_deviation", r.maxWeightDeviation());
    m.put("mean_weight_deviation", r.meanWeightDeviation());
    m.put("horizon_weight_deviation", r.horizonWeightDeviation());
    m.put("finish_reason", r.finishReason());
    m.put("client_failures", r.clientFailures());
    m.put("privacy", FlJson.privacy(r.privacy()));
    m.put("secure_aggregation", secureAggregation.enabled);
    return m;
  }
}
