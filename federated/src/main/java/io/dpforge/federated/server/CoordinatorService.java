package io.dpforge.federated.server;

import io.dpforge.federated.core.Assignment;
import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.UpdateRejectedException;
import io.dpforge.federated.core.UploadState;
import io.dpforge.federated.metrics.ClientParticipation;
import io.dpforge.federated.metrics.StatusSnapshot;
import io.dpforge.federated.proto.v1.CoordinatorGrpc;
import io.dpforge.federated.proto.v1.FetchModelRequest;
import io.dpforge.federated.proto.v1.HeartbeatRequest;
import io.dpforge.federated.proto.v1.HeartbeatResponse;
import io.dpforge.federated.proto.v1.ModelChunk;
import io.dpforge.federated.proto.v1.PrivacyStatus;
import io.dpforge.federated.proto.v1.RegisterRequest;
import io.dpforge.federated.proto.v1.RegisterResponse;
import io.dpforge.federated.proto.v1.RunState;
import io.dpforge.federated.proto.v1.SecAggRequest;
import io.dpforge.federated.proto.v1.SecAggResponse;
import io.dpforge.federated.proto.v1.StatusRequest;
import io.dpforge.federated.proto.v1.StatusResponse;
import io.dpforge.federated.proto.v1.SubmitUpdateResponse;
import io.dpforge.federated.proto.v1.UpdateChunk;
import io.dpforge.federated.proto.v1.UploadStateRequest;
import io.dpforge.federated.proto.v1.UploadStateResponse;
import io.dpforge.federated.secagg.SecureAggregation;
import io.dpforge.federated.security.ContributionSignatures;
import io.dpforge.federated.wire.Float32Chunks;
import io.dpforge.federated.wire.Versions;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Translates the v1 wire protocol into {@link Coordinator} calls. Thin on purpose: no aggregation or
 * scheduling logic lives here.
 */
public final class CoordinatorService extends CoordinatorGrpc.CoordinatorImplBase {
  private final Coordinator coordinator;
  private final ClientAuthenticator authenticator;
  private final Duration heartbeatInterval;
  private final SecureAggregation secureAggregation;
  private final ContributionSignatures signatures;

  /**
   * @param secureAggregation the coordinator's masked cohorts (null: updates are sent in the clear)
   * @param signatures required Ed25519 signatures on updates (null: not required)
   */
  public CoordinatorService(Coordinator coordinator, ClientAuthenticator authenticator, Duration heartbeatInterval,
      SecureAggregation secureAggregation, ContributionSignatures signatures) {
    this.coordinator = coordinator;
    this.authenticator = authenticator;
    this.heartbeatInterval = heartbeatInterval;
    this.secureAggregation = secureAggregation;
    this.signatures = signatures;
  }

  /** The interceptor that authenticates calls to this service. */
  public io.grpc.ServerInterceptor interceptor() {
    return new AuthInterceptor(authenticator);
  }

  @Override
  public void register(RegisterRequest req, StreamObserver<RegisterResponse> out) {
    try {
      ClientId claimed = new ClientId(req.getClientId());
      ClientAuthenticator.Registration reg = authenticator.register(claimed, AuthInterceptor.HEADERS.get(),
          AuthInterceptor.TRANSPORT.get());
      if (signatures != null) {
        signatures.enroll(reg.client(), req.getSigningCertificate().toByteArray());
      }
      int dimension = coordinator.register(reg.client(), req.getNumExamples());
      out.onNext(RegisterResponse.newBuilder()
          .setSessionToken(reg.sessionToken())
          .setModelDimension(dimension)
          .setHeartbeatIntervalMs(heartbeatInterval.toMillis())
          .setRunId(coordinator.runId())
          .setClientId(reg.client().value())
          .setSecureAggregation(secureAggregation != null)
          .setSignaturesRequired(signatures != null)
          .build());
      out.onCompleted();
    } catch (IllegalArgumentException e) {
      out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
    } catch (RuntimeException e) {
      out.onError(StatusMapping.toStatus(e));
    }
  }

  @Override
  public void heartbeat(HeartbeatRequest req, StreamObserver<HeartbeatResponse> out) {
    out.onNext(HeartbeatResponse.newBuilder()
        .setRunState(toProto(coordinator.runState()))
        .setCurrentVersion(coordinator.currentModel().version().number())
        .build());
    out.onCompleted();
  }

  @Override
  public void fetchModel(FetchModelRequest req, StreamObserver<ModelChunk> out) {
    ClientId client = AuthInterceptor.CLIENT.get();
    ServerCallStreamObserver<ModelChunk> call = (ServerCallStreamObserver<ModelChunk>) out;
    ModelStreamer streamer = new ModelStreamer(call, Float32Chunks.chunkValues(req.getChunkValues()));
    CompletableFuture<Assignment> f;
    try {
      f = coordinator.fetch(client, Versions.fromProto(req.getMinVersion()));
    } catch (RuntimeException e) {
      streamer.fail(e);
      return;
    }
    call.setOnCancelHandler(() -> coordinator.cancelFetch(client, f));
    f.whenComplete((a, t) -> {
      if (t != null) {
        streamer.fail(t instanceof java.util.concurrent.CancellationException
            ? Status.CANCELLED.withDescription("superseded by a newer FetchModel").asRuntimeException() : t);
      } else {
        streamer.start(a);
      }
    });
  }

  @Override
  public StreamObserver<UpdateChunk> submitUpdate(StreamObserver<SubmitUpdateResponse> out) {
    return new UpdateReceiver(coordinator, AuthInterceptor.CLIENT.get(), signatures, out);
  }

  @Override
  public StreamObserver<SecAggRequest> secureAggregate(StreamObserver<SecAggResponse> out) {
    if (secureAggregation == null) {
      out.onError(StatusMapping.toStatus(new UpdateRejectedException(
          UpdateRejectedException.Reason.SECURE_AGGREGATION_OFF, "this coordinator does not run secure aggregation:"
          + " submit updates with SubmitUpdate")));
      return new StreamObserver<>() {
        @Override
        public void onNext(SecAggRequest value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
      };
    }
    return new SecAggReceiver(coordinator, secureAggregation, AuthInterceptor.CLIENT.get(), out);
  }

  @Override
  public void getUploadState(UploadStateRequest req, StreamObserver<UploadStateResponse> out) {
    try {
      UploadState s = coordinator.uploadState(AuthInterceptor.CLIENT.get(), req.getUpdateId());
      out.onNext(UploadStateResponse.newBuilder()
          .setState(switch (s.kind()) {
            case UNKNOWN -> UploadStateResponse.State.STATE_UNKNOWN;
            case PARTIAL -> UploadStateResponse.State.STATE_PARTIAL;
            case COMPLETE -> UploadStateResponse.State.STATE_COMPLETE;
          })
          .setReceivedValues(s.receivedValues())
          .build());
      out.onCompleted();
    } catch (RuntimeException e) {
      out.onError(StatusMapping.toStatus(e));
    }
  }

  @Override
  public void getStatus(StatusRequest req, StreamObserver<StatusResponse> out) {
    StatusSnapshot s = coordinator.status();
    StatusResponse.Builder b = StatusResponse.newBuilder()
        .setRunId(s.runId())
        .setStrategy(s.strategy())
        .setRunState(toProto(s.runState()))
        .setCurrentVersion(Versions.toProto(s.version()))
        .setRegisteredClients(s.registeredClients())
        .setUpdatesAccepted(s.updatesAccepted())
        .setUpdatesApplied(s.updatesApplied())
        .setVersionsPerSecond(s.versionsPerSecond())
        .setUpdatesPerSecond(s.updatesPerSecond())
        .setMeanWeightSum(s.meanWeightSum())
        .setLastWeightSum(s.lastWeightSum())
        .setStagedBytes(s.stagedBytes())
        .setCohortsAbandoned(s.cohortsAbandoned())
        .setHeapUsedBytes(ProcessMemory.heapUsedBytes())
        .setProcessRssBytes(ProcessMemory.residentBytes());
    for (long c : s.stalenessCounts()) {
      b.addStalenessCounts(c);
    }
    for (ClientParticipation p : s.participation()) {
      b.addParticipation(io.dpforge.federated.proto.v1.ClientParticipation.newBuilder()
          .setClientId(p.client()).setContributions(p.contributions()).setFrequency(p.frequency())
          .setMeanWeightPerStep(p.meanWeightPerStep()).setImportance(p.importance())
          .setMeanWeightPerCoveredStep(p.meanWeightPerCoveredStep()));
    }
    s.privacy().ifPresent(p -> b.setPrivacy(PrivacyStatus.newBuilder()
        .setEnabled(true).setSeededNotPrivate(p.seededNotPrivate()).setRhoSpent(p.rhoSpent())
        .setEpsilonSpent(p.epsilonSpent()).setDelta(p.delta()).setClipNorm(p.clipNorm())
        .setNoiseMultiplier(p.noiseMultiplier()).setMaxParticipations(p.maxParticipations())));
    out.onNext(b.build());
    out.onCompleted();
  }

  private static RunState toProto(io.dpforge.federated.core.RunState s) {
    return s == io.dpforge.federated.core.RunState.TRAINING ? RunState.RUN_STATE_TRAINING : RunState.RUN_STATE_FINISHED;
  }
}
