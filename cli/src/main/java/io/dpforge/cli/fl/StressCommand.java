package io.dpforge.cli.fl;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.client.fl.FederatedClient;
import io.dpforge.client.fl.GlobalModel;
import io.dpforge.client.fl.LocalUpdate;
import io.dpforge.client.fl.RetryPolicy;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.CoordinatorOptions;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.proto.v1.CoordinatorGrpc;
import io.dpforge.federated.proto.v1.StatusRequest;
import io.dpforge.federated.proto.v1.StatusResponse;
import io.dpforge.federated.server.CoordinatorServer;
import io.dpforge.federated.strategy.StalenessFunction;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dpforge fl stress}: the coordinator stress benchmark (research brief §7.3, no ML). N clients
 * connect and register; uploads of a fixed size then arrive as a Poisson process at increasing rates,
 * each from a client that is not uploading already; upload latency is measured client side from call
 * start to acknowledgement.
 */
@Command(
    name = "stress",
    mixinStandardHelpOptions = true,
    description = "Coordinator stress benchmark (no ML): N connected clients, fixed-size updates at increasing"
        + " Poisson rates. Reports upload latency percentiles per rate, the highest rate sustained with p99 < 1 s,"
        + " and coordinator memory per connected client.")
public final class StressCommand extends JsonCommand {
  @Option(names = "--coordinator", description = "HOST:PORT of a running coordinator (started with --dimension);"
      + " default: one in this process (FedBuff, K = 10).")
  String coordinator;

  @Option(names = "--clients", defaultValue = "1000", description = "Connected clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--update-kib", defaultValue = "512", description = "Update size, KiB of float32 (default ${DEFAULT-VALUE}).")
  int updateKib;

  @Option(names = "--rates", defaultValue = "25,50,100,200,400", split = ",",
      description = "Offered upload rates per second, in order (default ${DEFAULT-VALUE}).")
  double[] rates;

  @Option(names = "--seconds-per-rate", defaultValue = "20", description = "Seconds at each rate (default ${DEFAULT-VALUE}).")
  double secondsPerRate;

  @Option(names = "--seed", defaultValue = "1", description = "Seeds arrivals and payloads (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  protected Map<String, Object> execute(Console console) throws Exception {
    if (clients < 1 || updateKib < 1 || secondsPerRate <= 0) {
      throw new InvalidInputException("--clients, --update-kib and --seconds-per-rate must be positive");
    }
    int dimension = updateKib * 256;
    Coordinator local = null;
    CoordinatorServer server = null;
    String target = coordinator;
    if (target == null) {
      local = Coordinator.builder(Strategy.fedBuff(10, WeightRule.IDENTICAL, new StalenessFunction.Constant()),
          new double[dimension]).options(CoordinatorOptions.defaults().withStagingBudget(4L << 30, Duration.ofMillis(200)))
          .build();
      server = CoordinatorServer.builder(local).port(0).build().start();
      target = "localhost:" + server.port();
      console.println("coordinator in this process on " + target + " (for memory per client run it separately:"
          + " dpforge coordinator --dimension " + dimension + " --strategy fedbuff)");
    }
    ManagedChannel statusChannel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    List<FederatedClient> fleet = new ArrayList<>(clients);
    try {
      CoordinatorGrpc.CoordinatorBlockingStub status = CoordinatorGrpc.newBlockingStub(statusChannel);
      StatusResponse before = status.getStatus(StatusRequest.getDefaultInstance());
      for (int i = 0; i < clients; i++) {
        FederatedClient c = FederatedClient.builder().target(target).clientId(String.format("load-%05d", i))
            .numExamples(1).jitterSeed(seed + i).retry(new RetryPolicy(Duration.ofMillis(50), Duration.ofSeconds(2), 2, 20))
            .build();
        c.register();
        c.heartbeat();
        fleet.add(c);
      }
      Thread.sleep(1000);
      StatusResponse connected = status.getStatus(StatusRequest.getDefaultInstance());
      long rssPerClient = (connected.getProcessRssBytes() - before.getProcessRssBytes()) / clients;
      long heapPerClient = (connected.getHeapUsedBytes() - before.getHeapUsedBytes()) / clients;
      console.printf("%d clients connected: coordinator RSS %+,d bytes per client (heap %+,d)%n", clients,
          rssPerClient, heapPerClient);
      if (local != null) {
        console.warn("the coordinator shares this process with the clients: the per-client memory includes"
            + " their connections too");
      }
      float[] payload = new float[dimension];
      SplittableRandom r = new SplittableRandom(seed);
      for (int i = 0; i < dimension; i++) {
        payload[i] = (float) (r.nextDouble() - 0.5) * 1e-3f;
      }
      LocalUpdate update = new LocalUpdate(payload, 1);
      List<LoadStep> steps = new ArrayList<>();
      BlockingQueue<Integer> idle = new ArrayBlockingQueue<>(fleet.size());
      for (int i = 0; i < fleet.size(); i++) {
        idle.add(i);
      }
      console.println("  offered/s  acked/s  drain s  failed   p50 ms   p95 ms   p99 ms   max ms  versions/s");
      for (double rate : rates) {
        LoadStep s = runStep(fleet, idle, update, rate, status, r.split(), console::warn);
        steps.add(s);
        console.printf("%10.1f %8.1f %8.2f %7d %8.1f %8.1f %8.1f %8.1f %10.2f%s%n", s.offeredPerSecond(),
            s.completedPerSecond(), s.drainSeconds(), s.failed(), s.p50Millis(), s.p95Millis(), s.p99Millis(), s.maxMillis(),
            s.versionsPerSecond(), s.sustained() ? "" : "  (not sustained)");
      }
      double best = steps.stream().filter(LoadStep::sustained).mapToDouble(LoadStep::completedPerSecond).max().orElse(0);
      console.printf("max sustained: %.1f updates/s of %d KiB with p99 < 1 s%n", best, updateKib);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("clients", clients);
      out.put("update_kib", updateKib);
      out.put("in_process_coordinator", local != null);
      out.put("rss_bytes_per_client", rssPerClient);
      out.put("heap_bytes_per_client", heapPerClient);
      out.put("max_sustained_updates_per_second", best);
      out.put("steps", steps);
      return out;
    } finally {
      fleet.forEach(FederatedClient::close);
      statusChannel.shutdownNow();
      if (server != null) {
        server.close();
      }
    }
  }

  /**
   * One rate. {@code idle} holds the clients not uploading, oldest first, across steps: a client goes
   * back to the tail when acknowledged, so it is not reused while its update may still wait in the
   * open cohort (one update per client per cohort).
   */
  private LoadStep runStep(List<FederatedClient> fleet, BlockingQueue<Integer> idle, LocalUpdate update,
      double rate, CoordinatorGrpc.CoordinatorBlockingStub status, SplittableRandom random,
      java.util.function.Consumer<String> warn) throws Exception {
    long v0 = status.getStatus(StatusRequest.getDefaultInstance()).getCurrentVersion().getNumber();
    List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong failed = new AtomicLong();
    java.util.Map<String, Long> causes = new java.util.concurrent.ConcurrentHashMap<>();
    ExecutorService pool = Executors.newCachedThreadPool();
    long start = System.nanoTime();
    long end = start + (long) (secondsPerRate * 1e9);
    long next = start;
    long placed = 0;
    while (true) {
      next += (long) (-Math.log(1 - random.nextDouble()) / rate * 1e9);
      if (next >= end) {
        break;
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      placed++;
      Integer who = idle.poll();
      if (who == null) {
        failed.incrementAndGet();
        causes.merge("every client already uploading", 1L, Long::sum);
        continue;
      }
      pool.execute(() -> {
        FederatedClient c = fleet.get(who);
        try {
          GlobalModel base = new GlobalModel(new ModelVersion(0, 0), "", null, 0);
          long t0 = System.nanoTime();
          c.submit(base, update);
          latencies.add((System.nanoTime() - t0) / 1e6);
        } catch (RuntimeException e) {
          failed.incrementAndGet();
          causes.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
        } finally {
          idle.add(who);
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    double drain = Math.max(0, (System.nanoTime() - end) / 1e9);
    double seconds = secondsPerRate;
    long v1 = status.getStatus(StatusRequest.getDefaultInstance()).getCurrentVersion().getNumber();
    double[] l = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    causes.forEach((why, n) -> warn.accept(String.format("  %.0f/s: %d failed: %s", rate, n, why)));
    return new LoadStep(rate, placed, l.length / seconds, drain, failed.get(), quantile(l, 0.5), quantile(l, 0.95),
        quantile(l, 0.99), l.length == 0 ? 0 : l[l.length - 1], (v1 - v0) / seconds);
  }

  private static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
