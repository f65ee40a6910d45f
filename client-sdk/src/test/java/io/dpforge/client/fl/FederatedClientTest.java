package io.dpforge.client.fl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.Charge;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import io.dpforge.federated.aggregate.AggregateRelease;
import io.dpforge.federated.aggregate.CohortSum;
import io.dpforge.federated.aggregate.ContributionBound;
import io.dpforge.federated.aggregate.PrivacySummary;
import io.dpforge.federated.checkpoint.CheckpointStore;
import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.CoordinatorOptions;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.core.UpdateHeader;
import io.dpforge.federated.server.CoordinatorService;
import io.dpforge.federated.server.SessionTokens;
import io.dpforge.federated.strategy.StalenessFunction;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FederatedClientTest {
  private static final int DIM = 40;
  private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), 2.0, 4);
  private final String name = InProcessServerBuilder.generateName();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private Coordinator coordinator;
  private ManagedChannel channel;

  private void serve(Coordinator c) throws Exception {
    coordinator = c;
    CoordinatorService service = new CoordinatorService(c, new SessionTokens(), Duration.ofSeconds(30), null, null);
    Server server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(service, service.interceptor())).build().start();
    closing.add(0, () -> server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    closing.add(0, c);
    if (channel == null) {
      channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    if (channel != null) {
      channel.shutdownNow();
    }
  }

  private FederatedClient client(String id, Channel ch, LocalTrainer trainer) {
    FederatedClient.Builder b = FederatedClient.builder().channel(ch).clientId(id).numExamples(10).retry(FAST)
        .chunkValues(4).jitterSeed(1);
    if (trainer != null) {
      b.trainer(trainer);
    }
    return b.build();
  }

  private static float[] filled(float v) {
    float[] f = new float[DIM];
    Arrays.fill(f, v);
    return f;
  }

  private static Strategy fedBuff(int k) {
    return Strategy.fedBuff(k, WeightRule.IDENTICAL, new StalenessFunction.Constant());
  }

  /** Local "training" toward a client-specific target: Δ = ½(c − θ). */
  private static LocalTrainer toward(float target) {
    return m -> {
      float[] d = new float[m.values().length];
      for (int i = 0; i < d.length; i++) {
        d[i] = 0.5f * (target - m.values()[i]);
      }
      return new LocalUpdate(d, 10);
    };
  }

  @Test
  void clientsTrainUntilTheCoordinatorFinishes() throws Exception {
    serve(Coordinator.builder(fedBuff(3), new double[DIM])
        .options(CoordinatorOptions.defaults().withMaxVersions(6)).build());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<RunSummary>> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        FederatedClient c = client("c" + i, channel, toward(3f * i));
        closing.add(c);
        runs.add(pool.submit(() -> c.run(Long.MAX_VALUE)));
      }
      long accepted = 0;
      for (Future<RunSummary> r : runs) {
        RunSummary s = r.get(30, TimeUnit.SECONDS);
        assertEquals(RunSummary.End.FINISHED, s.end());
        accepted += s.accepted();
      }
      assertEquals(6, coordinator.currentModel().version().number());
      assertTrue(accepted >= 18, "6 versions of 3 updates each, got " + accepted);
      // θ_{n+1} = θ_n + ½(3 − θ_n) per step from 0: 3·(1 − 2^-6).
      assertEquals(3 * (1 - Math.pow(0.5, 6)), coordinator.currentModel().values()[0], 1e-4);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A trainer whose ledger pays for three Gaussian releases (ρ = 1/8 each) stops the client after three updates. */
  @Test
  void aClientStopsWhenItsLocalLedgerCannotPayForAnotherRound() throws Exception {
    serve(Coordinator.builder(fedBuff(1), new double[DIM]).build());
    PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.zcdp(3.0 / 8)).build();
    LocalTrainer train = toward(1f);
    FederatedClient c = client("a", channel, m -> {
      ledger.charge(Charge.gaussian("local round", 1, 2).using(Randomness.seededNotPrivate(1)));
      return train.train(m);
    });
    closing.add(c);
    RunSummary s = c.run(Long.MAX_VALUE);
    assertEquals(RunSummary.End.LOCAL_BUDGET_SPENT, s.end());
    assertEquals(3, s.accepted());
    assertEquals(3, ledger.entries().size());
    assertEquals(3, coordinator.status().updatesApplied());
  }

  @Test
  void aDroppedUploadResumesWhereItStoppedAndIsAppliedOnce() throws Exception {
    serve(Coordinator.builder(fedBuff(1), new double[DIM]).build());
    FlakyNetwork flaky = new FlakyNetwork(FlakyNetwork.Fault.DROP_UPLOAD_AFTER_CHUNKS, 4); // header + 3 chunks
    FederatedClient c = client("a", ClientInterceptors.intercept(channel, flaky), null);
    closing.add(c);
    GlobalModel m = c.fetchModel(new ModelVersion(0, 0)).orElseThrow();
    SubmitReceipt r = c.submit(m, new LocalUpdate(filled(2f), 10));
    assertEquals(SubmitReceipt.Outcome.ACCEPTED, r.outcome());
    assertEquals(2, r.attempts());
    assertEquals(12, r.resumedValues(), "3 chunks of 4 values were kept and not sent again");
    assertEquals(1, coordinator.status().updatesApplied());
    assertArrayEquals(filled(2f), coordinator.currentModel().values(), 0f);
  }

  @Test
  void aLostAcknowledgementComesBackAsDuplicate() throws Exception {
    serve(Coordinator.builder(fedBuff(1), new double[DIM]).build());
    FlakyNetwork flaky = new FlakyNetwork(FlakyNetwork.Fault.LOSE_ACKNOWLEDGEMENT, 0);
    FederatedClient c = client("a", ClientInterceptors.intercept(channel, flaky), null);
    closing.add(c);
    GlobalModel m = c.fetchModel(new ModelVersion(0, 0)).orElseThrow();
    SubmitReceipt r = c.submit(m, new LocalUpdate(filled(1f), 10));
    assertEquals(SubmitReceipt.Outcome.DUPLICATE, r.outcome());
    assertEquals(2, flaky.submitCalls());
    assertEquals(1, coordinator.status().updatesApplied());
    assertArrayEquals(filled(1f), coordinator.currentModel().values(), 0f);
  }

  /** Holds the whole staging budget with a half-sent upload of another client. */
  private io.dpforge.federated.core.StagedUpload blockStaging() {
    coordinator.register(new ClientId("hog"), 1);
    var u = coordinator.beginUpload(new ClientId("hog"),
        new UpdateHeader("hog-1", new ModelVersion(0, 0), DIM, 1, "", 0)).upload();
    ByteBuffer half = ByteBuffer.allocate(4 * DIM / 2).order(ByteOrder.LITTLE_ENDIAN);
    u.append(0, half);
    return u;
  }

  @Test
  void backPressureIsHonouredThenSurfacesAsOverloaded() throws Exception {
    serve(Coordinator.builder(fedBuff(1), new double[DIM])
        .options(CoordinatorOptions.defaults().withStagingBudget(4L * DIM, Duration.ofMillis(30))).build());
    var hog = blockStaging();
    FederatedClient c = client("a", channel, null);
    closing.add(c);
    GlobalModel m = c.fetchModel(new ModelVersion(0, 0)).orElseThrow();
    assertThrows(CoordinatorOverloadedException.class, () -> c.submit(m, new LocalUpdate(filled(1f), 10)));

    // Once the budget frees, the same call goes through after waiting the coordinator's delay.
    Thread freer = new Thread(() -> {
      try {
        Thread.sleep(40);
      } catch (InterruptedException e) {
        return;
      }
      coordinator.discardUpload(hog);
    });
    freer.start();
    SubmitReceipt r = c.submit(m, new LocalUpdate(filled(1f), 10));
    freer.join();
    assertEquals(SubmitReceipt.Outcome.ACCEPTED, r.outcome());
    assertTrue(r.attempts() >= 2, "pushed back at least once, took " + r.attempts());
  }

  @Test
  void refusedUpdatesSurfaceAsTheirOwnExceptionTypes() throws Exception {
    Strategy noStaleness = fedBuff(1).withMaxStaleness(0);
    serve(Coordinator.builder(noStaleness, new double[DIM]).build());
    FederatedClient a = client("a", channel, null);
    FederatedClient b = client("b", channel, null);
    closing.add(a);
    closing.add(b);
    GlobalModel m = a.fetchModel(new ModelVersion(0, 0)).orElseThrow();
    float[] nan = filled(0f);
    nan[7] = Float.NaN;
    UpdateRejectedException e = assertThrows(UpdateRejectedException.class, () -> a.submit(m, new LocalUpdate(nan, 1)));
    assertEquals("NOT_FINITE", e.reason());
    assertEquals("WRONG_DIMENSION", assertThrows(UpdateRejectedException.class,
        () -> a.submit(m, new LocalUpdate(new float[DIM - 1], 1))).reason());
    GlobalModel mb = b.fetchModel(new ModelVersion(0, 0)).orElseThrow();
    b.submit(mb, new LocalUpdate(filled(1f), 1));
    assertThrows(StaleModelException.class, () -> a.submit(m, new LocalUpdate(filled(1f), 1)));
  }

  @Test
  void unreachableCoordinatorFailsAfterTheRetryBudget() {
    ManagedChannel nowhere = InProcessChannelBuilder.forName("nobody-here").build();
    closing.add(nowhere::shutdownNow);
    FederatedClient c = FederatedClient.builder().channel(nowhere).clientId("a").retry(FAST).jitterSeed(1).build();
    long t0 = System.nanoTime();
    CoordinatorUnavailableException e = assertThrows(CoordinatorUnavailableException.class, c::register);
    assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
    assertTrue(System.nanoTime() - t0 >= 3 * 2_500_000L, "backed off between attempts");
  }

  @Test
  void participationLimitEndsTheRunCleanly() throws Exception {
    AggregateRelease oneEach = new AggregateRelease() {
      @Override
      public Optional<double[]> release(CohortSum sum) {
        sum.members().forEach(m -> contributed.add(m.client()));
        return Optional.of(sum.sum());
      }

      @Override
      public ContributionBound bound() {
        return ContributionBound.NONE;
      }

      private final java.util.Set<ClientId> contributed = java.util.concurrent.ConcurrentHashMap.newKeySet();

      @Override
      public boolean mayContribute(ClientId client) {
        return !contributed.contains(client);
      }

      @Override
      public Optional<PrivacySummary> privacy() {
        return Optional.empty();
      }

      @Override
      public Map<String, Double> state() {
        return Map.of();
      }
    };
    serve(Coordinator.builder(fedBuff(1), new double[DIM]).release(oneEach).build());
    coordinator.register(new ClientId("still-to-come"), 1); // keeps the run open after a's limit
    FederatedClient a = client("a", channel, toward(1f));
    closing.add(a);
    RunSummary s = a.run(10);
    assertEquals(RunSummary.End.PARTICIPATION_LIMIT, s.end());
    assertEquals(1, s.accepted());
  }

  @Test
  void aRestartedCoordinatorIsRejoinedAndNothingIsAppliedTwice(@TempDir Path dir) throws Exception {
    CheckpointStore store = new CheckpointStore(dir, 2);
    CoordinatorOptions every = CoordinatorOptions.defaults().withCheckpointEvery(1);
    serve(Coordinator.builder(fedBuff(1), new double[DIM]).options(every).checkpoints(store).build());
    FederatedClient a = client("a", channel, null);
    closing.add(a);
    GlobalModel m0 = a.fetchModel(new ModelVersion(0, 0)).orElseThrow();
    a.submit(m0, new LocalUpdate(filled(1f), 1));
    GlobalModel m1 = a.fetchModel(new ModelVersion(0, 1)).orElseThrow();
    // The coordinator dies; a new one resumes from its checkpoint (version 1) under the same name.
    for (AutoCloseable c : closing.subList(1, closing.size())) {
      c.close();
    }
    closing.subList(1, closing.size()).clear();
    serve(Coordinator.builder(fedBuff(1), new double[DIM]).options(every).checkpoints(store).build());
    // The old session is unknown to the new process: the client registers again on its own.
    SubmitReceipt r = a.submit(m1, new LocalUpdate(filled(1f), 1));
    assertEquals(SubmitReceipt.Outcome.ACCEPTED, r.outcome());
    assertEquals(new ModelVersion(1, 2), coordinator.currentModel().version());
    assertArrayEquals(filled(2f), coordinator.currentModel().values(), 0f);
  }
}
