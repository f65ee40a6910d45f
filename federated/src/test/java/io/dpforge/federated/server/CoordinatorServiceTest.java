package io.dpforge.federated.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.proto.v1.CoordinatorGrpc;
import io.dpforge.federated.proto.v1.FetchModelRequest;
import io.dpforge.federated.proto.v1.ModelChunk;
import io.dpforge.federated.proto.v1.ModelVersion;
import io.dpforge.federated.proto.v1.RegisterRequest;
import io.dpforge.federated.proto.v1.StatusRequest;
import io.dpforge.federated.proto.v1.StatusResponse;
import io.dpforge.federated.proto.v1.SubmitUpdateResponse;
import io.dpforge.federated.proto.v1.UpdateChunk;
import io.dpforge.federated.proto.v1.UpdateHeader;
import io.dpforge.federated.proto.v1.UpdateOutcome;
import io.dpforge.federated.proto.v1.Values;
import io.dpforge.federated.strategy.StalenessFunction;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import io.dpforge.federated.wire.Float32Chunks;
import io.dpforge.federated.wire.ProtocolHeaders;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire protocol's status codes and streaming, over an in-process transport. */
class CoordinatorServiceTest {
  private static final int DIM = 10;
  private Coordinator coordinator;
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    coordinator = Coordinator.builder(Strategy.fedBuff(2, WeightRule.IDENTICAL, new StalenessFunction.Constant()),
        new double[DIM]).build();
    CoordinatorService service = new CoordinatorService(coordinator, new SessionTokens(), Duration.ofSeconds(30), null,
        null);
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name)
        .addService(ServerInterceptors.intercept(service, service.interceptor())).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    coordinator.close();
  }

  private CoordinatorGrpc.CoordinatorBlockingStub session(String client) {
    String token = CoordinatorGrpc.newBlockingStub(channel)
        .register(RegisterRequest.newBuilder().setClientId(client).setNumExamples(5).build()).getSessionToken();
    Metadata h = new Metadata();
    h.put(ProtocolHeaders.SESSION, token);
    return CoordinatorGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(h));
  }

  private CoordinatorGrpc.CoordinatorStub asyncSession(String client) {
    String token = CoordinatorGrpc.newBlockingStub(channel)
        .register(RegisterRequest.newBuilder().setClientId(client).setNumExamples(5).build()).getSessionToken();
    Metadata h = new Metadata();
    h.put(ProtocolHeaders.SESSION, token);
    return CoordinatorGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(h));
  }

  private static UpdateChunk header(String id, long base, long dim) {
    return UpdateChunk.newBuilder().setHeader(UpdateHeader.newBuilder().setUpdateId(id)
        .setBaseVersion(ModelVersion.newBuilder().setNumber(base)).setDimension(dim).setNumExamples(5)).build();
  }

  private static UpdateChunk values(long offset, float... v) {
    return UpdateChunk.newBuilder().setValues(Values.newBuilder().setOffset(offset)
        .setFloat32Le(Float32Chunks.encode(v, 0, v.length))).build();
  }

  /** Streams the messages and returns the answer (or throws its status). */
  static SubmitUpdateResponse submit(CoordinatorGrpc.CoordinatorStub stub, List<UpdateChunk> chunks) {
    CompletableFuture<SubmitUpdateResponse> f = new CompletableFuture<>();
    StreamObserver<UpdateChunk> req = stub.submitUpdate(new StreamObserver<>() {
      @Override
      public void onNext(SubmitUpdateResponse v) {
        f.complete(v);
      }

      @Override
      public void onError(Throwable t) {
        f.completeExceptionally(t);
      }

      @Override
      public void onCompleted() { }
    });
    chunks.forEach(req::onNext);
    req.onCompleted();
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw (StatusRuntimeException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static float[] ones(int n, float v) {
    float[] f = new float[n];
    java.util.Arrays.fill(f, v);
    return f;
  }

  private static StatusRuntimeException assertStatus(Status.Code code, String reason,
      org.junit.jupiter.api.function.Executable e) {
    StatusRuntimeException x = assertThrows(StatusRuntimeException.class, e);
    assertEquals(code, x.getStatus().getCode(), x.getStatus().toString());
    if (reason != null) {
      assertEquals(reason, x.getTrailers().get(ProtocolHeaders.REJECT_REASON));
    }
    return x;
  }

  @Test
  void badRequestsGetClearStatusCodes() {
    CoordinatorGrpc.CoordinatorStub a = asyncSession("a");
    assertStatus(Status.Code.INVALID_ARGUMENT, "WRONG_DIMENSION",
        () -> submit(a, List.of(header("w", 0, DIM + 1), values(0, ones(DIM + 1, 1)))));
    float[] nan = ones(DIM, 1);
    nan[3] = Float.POSITIVE_INFINITY;
    StatusRuntimeException inf = assertStatus(Status.Code.INVALID_ARGUMENT, "NOT_FINITE",
        () -> submit(a, List.of(header("n", 0, DIM), values(0, nan))));
    assertTrue(inf.getStatus().getDescription().contains("value 3"), inf.getStatus().getDescription());
    assertStatus(Status.Code.INVALID_ARGUMENT, "OVER_SIZE",
        () -> submit(a, List.of(header("o", 0, DIM), values(0, ones(DIM, 1)), values(DIM, 1f))));
    assertStatus(Status.Code.INVALID_ARGUMENT, "MALFORMED",
        () -> submit(a, List.of(header("g", 0, DIM), values(2, ones(DIM - 2, 1)))));
    assertStatus(Status.Code.INVALID_ARGUMENT, "INCOMPLETE",
        () -> submit(a, List.of(header("i", 0, DIM), values(0, ones(DIM - 1, 1)))));
    assertStatus(Status.Code.FAILED_PRECONDITION, "UNKNOWN_BASE_VERSION",
        () -> submit(a, List.of(header("u", 4, DIM), values(0, ones(DIM, 1)))));
    CoordinatorGrpc.CoordinatorStub stranger = CoordinatorGrpc.newStub(channel);
    assertStatus(Status.Code.UNAUTHENTICATED, null,
        () -> submit(stranger, List.of(header("x", 0, DIM), values(0, ones(DIM, 1)))));
    assertEquals(0, coordinator.status().updatesAccepted());
  }

  @Test
  void duplicateUpdateIdIsAcknowledgedNotAppliedTwice() {
    CoordinatorGrpc.CoordinatorStub a = asyncSession("a");
    CoordinatorGrpc.CoordinatorStub b = asyncSession("b");
    List<UpdateChunk> update = List.of(header("dup", 0, DIM), values(0, ones(4, 2)), values(4, ones(DIM - 4, 2)));
    assertEquals(UpdateOutcome.UPDATE_OUTCOME_ACCEPTED, submit(a, update).getOutcome());
    assertEquals(UpdateOutcome.UPDATE_OUTCOME_DUPLICATE, submit(a, update).getOutcome());
    SubmitUpdateResponse r = submit(b, List.of(header("b1", 0, DIM), values(0, ones(DIM, 4))));
    assertEquals(1, r.getAppliesToVersion().getNumber());
    assertArrayEquals(ones(DIM, 3), coordinator.currentModel().values(), 1e-6f);
    StatusResponse s = CoordinatorGrpc.newBlockingStub(channel).getStatus(StatusRequest.getDefaultInstance());
    assertEquals(2, s.getUpdatesApplied());
    assertEquals(1, s.getCurrentVersion().getNumber());
  }

  @Test
  void modelStreamsInRequestedChunksWithItsVersion() {
    CoordinatorGrpc.CoordinatorBlockingStub a = session("a");
    Iterator<ModelChunk> it = a.fetchModel(FetchModelRequest.newBuilder().setChunkValues(3).build());
    ModelChunk h = it.next();
    assertEquals(DIM, h.getHeader().getDimension());
    assertEquals(0, h.getHeader().getVersion().getNumber());
    int chunks = 0;
    long offset = 0;
    while (it.hasNext()) {
      Values v = it.next().getValues();
      assertEquals(offset, v.getOffset());
      offset += v.getFloat32Le().size() / 4;
      chunks++;
    }
    assertEquals(DIM, offset);
    assertEquals(4, chunks, "10 values in chunks of 3");
  }
}
