package io.dpforge.client.fl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.proto.v1.CoordinatorGrpc;
import io.dpforge.federated.proto.v1.RegisterRequest;
import io.dpforge.federated.proto.v1.SecAggJoin;
import io.dpforge.federated.proto.v1.SecAggRequest;
import io.dpforge.federated.proto.v1.SecAggResponse;
import io.dpforge.federated.secagg.SecAggClient;
import io.dpforge.federated.secagg.SecAggSettings;
import io.dpforge.federated.secagg.SecureAggregation;
import io.dpforge.federated.server.CoordinatorService;
import io.dpforge.federated.server.SessionTokens;
import io.dpforge.federated.strategy.StalenessFunction;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import io.dpforge.federated.wire.ProtocolHeaders;
import io.dpforge.federated.wire.SecAggWire;
import io.dpforge.federated.wire.Versions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FederatedClient under secure aggregation, over gRPC: updates travel masked through SecureAggregate
 * streams, a FedBuff buffer is unmasked as its mean, and a cohort abandoned because a member left is
 * retried by the others in a later cohort under the same update ids.
 */
class SecureAggregationTest {
  private static final int DIM = 12;
  private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(80), 2.0, 8);
  private final String name = InProcessServerBuilder.generateName();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private SecureAggregation engine;
  private Coordinator coordinator;
  private Server server;
  private ManagedChannel channel;

  private void serve(int bufferSize, boolean secure) throws Exception {
    Coordinator.Builder b = Coordinator.builder(
        Strategy.fedBuff(bufferSize, WeightRule.IDENTICAL, new StalenessFunction.Constant()), new double[DIM]);
    if (secure) {
      engine = SecureAggregation.builder(SecAggSettings.defaults().withStageTimeout(Duration.ofSeconds(10))).build();
      b.maskedCohorts(engine);
    }
    coordinator = b.build();
    CoordinatorService service = new CoordinatorService(coordinator, new SessionTokens(), Duration.ofSeconds(30),
        engine, null);
    server = InProcessServerBuilder.forName(name)
        .addService(ServerInterceptors.intercept(service, service.interceptor())).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void close() throws Exception {
    pool.shutdownNow();
    if (channel != null) {
      channel.shutdownNow();
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      coordinator.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  private FederatedClient client(String id) {
    return FederatedClient.builder().channel(channel).clientId(id).numExamples(4).retry(FAST).jitterSeed(id.hashCode())
        .requireSecureAggregation(true).build();
  }

  private static float[] filled(float v) {
    float[] f = new float[DIM];
    Arrays.fill(f, v);
    return f;
  }

  /** Fetches the model and submits {@code update} on it, on a pool thread. */
  private Future<SubmitReceipt> submit(FederatedClient c, float[] update) {
    return pool.submit(() -> {
      GlobalModel m = c.fetchModel(new ModelVersion(0, 0)).orElseThrow();
      return c.submit(m, new LocalUpdate(update, 4));
    });
  }

  @Test
  void aBufferOfMaskedUpdatesIsAppliedAsTheirMean() throws Exception {
    serve(3, true);
    List<Future<SubmitReceipt>> receipts = new ArrayList<>();
    float[][] updates = {filled(0.3f), filled(-0.6f), filled(0.9f)};
    for (int i = 0; i < 3; i++) {
      FederatedClient c = client("site-" + i);
      receipts.add(submit(c, updates[i]));
    }
    for (Future<SubmitReceipt> f : receipts) {
      SubmitReceipt r = f.get(30, TimeUnit.SECONDS);
      assertEquals(SubmitReceipt.Outcome.ACCEPTED, r.outcome());
      assertEquals(1, r.appliesTo().number());
    }
    for (float v : coordinator.currentModel().values()) {
      assertEquals(0.2, v, 1e-5);
    }
  }

  @Test
  void membersOfAnAbandonedCohortRetryInTheNextOneUnderTheSameUpdateId() throws Exception {
    serve(3, true);
    CoordinatorGrpc.CoordinatorStub saboteur = sessionStub("saboteur");
    leaveAfterKeys(saboteur);
    for (int i = 0; i < 200 && engine.member(0, new ClientId("saboteur")).isEmpty(); i++) {
      Thread.sleep(10);
    }
    Future<SubmitReceipt> a = submit(client("site-a"), filled(0.1f));
    Future<SubmitReceipt> b = submit(client("site-b"), filled(0.2f));
    for (int i = 0; i < 500 && coordinator.status().cohortsAbandoned() == 0; i++) {
      Thread.sleep(10);
    }
    assertEquals(1, coordinator.status().cohortsAbandoned(), "the saboteur's cohort could not be unmasked");
    assertEquals(0, coordinator.currentModel().version().number());
    Future<SubmitReceipt> c = submit(client("site-c"), filled(0.6f));
    for (Future<SubmitReceipt> f : List.of(a, b, c)) {
      assertEquals(SubmitReceipt.Outcome.ACCEPTED, f.get(30, TimeUnit.SECONDS).outcome());
    }
    assertTrue(a.get().attempts() >= 2 && b.get().attempts() >= 2, "a and b retried after the abandoned cohort");
    assertEquals(1, c.get().attempts());
    for (float v : coordinator.currentModel().values()) {
      assertEquals(0.3, v, 1e-5);
    }
    assertEquals(3, coordinator.status().updatesApplied());
  }

  @Test
  void aClientThatRequiresSecureAggregationSendsNothingToAPlainCoordinator() throws Exception {
    serve(1, false);
    FederatedClient c = client("site-0");
    SecureAggregationException e = assertThrows(SecureAggregationException.class, c::register);
    assertTrue(e.getMessage().contains("does not run it"), e.getMessage());
    assertEquals(0, coordinator.status().updatesAccepted());
  }

  private CoordinatorGrpc.CoordinatorStub sessionStub(String id) {
    String token = CoordinatorGrpc.newBlockingStub(channel)
        .register(RegisterRequest.newBuilder().setClientId(id).setNumExamples(4).build()).getSessionToken();
    Metadata h = new Metadata();
    h.put(ProtocolHeaders.SESSION, token);
    return CoordinatorGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(h));
  }

  /** Joins a cohort, advertises keys, and leaves as soon as the neighbours' keys arrive. */
  private void leaveAfterKeys(CoordinatorGrpc.CoordinatorStub stub) {
    SecAggClient protocol = new SecAggClient("saboteur", new SecureRandom(), null, null);
    io.grpc.stub.StreamObserver<SecAggRequest> requests = stub.secureAggregate(new ClientResponseObserver<SecAggRequest, SecAggResponse>() {
      private ClientCallStreamObserver<SecAggRequest> out;

      @Override
      public void beforeStart(ClientCallStreamObserver<SecAggRequest> requestStream) {
        out = requestStream;
      }

      @Override
      public void onNext(SecAggResponse r) {
        if (r.hasCohort()) {
          out.onNext(SecAggRequest.newBuilder().setKeys(SecAggWire.toProto(
              protocol.advertise(SecAggWire.fromProto(r.getCohort(), coordinator.runId())))).build());
        } else {
          out.cancel("leaving the cohort", null);
        }
      }

      @Override
      public void onError(Throwable t) { }

      @Override
      public void onCompleted() { }
    });
    requests.onNext(SecAggRequest.newBuilder().setJoin(SecAggJoin.newBuilder().setUpdateId("s1")
        .setBaseVersion(Versions.toProto(new ModelVersion(0, 0))).setDimension(DIM).setNumExamples(4)).build());
  }
}
