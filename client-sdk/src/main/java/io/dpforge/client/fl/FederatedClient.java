package io.dpforge.client.fl;

import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import io.dpforge.dp.ledger.BudgetExceededException;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.core.RunState;
import io.dpforge.federated.core.UpdateDigest;
import io.dpforge.federated.proto.v1.CoordinatorGrpc;
import io.dpforge.federated.proto.v1.FetchModelRequest;
import io.dpforge.federated.proto.v1.HeartbeatRequest;
import io.dpforge.federated.proto.v1.ModelChunk;
import io.dpforge.federated.proto.v1.ModelHeader;
import io.dpforge.federated.proto.v1.RegisterRequest;
import io.dpforge.federated.proto.v1.RegisterResponse;
import io.dpforge.federated.proto.v1.SubmitUpdateResponse;
import io.dpforge.federated.proto.v1.UpdateHeader;
import io.dpforge.federated.proto.v1.UploadStateRequest;
import io.dpforge.federated.proto.v1.UploadStateResponse;
import io.dpforge.federated.secagg.KeyVerification;
import io.dpforge.federated.secagg.SecAggClient;
import io.dpforge.federated.security.PemFiles;
import io.dpforge.federated.security.SignerTrust;
import io.dpforge.federated.security.SigningKey;
import io.dpforge.federated.security.UpdateClaim;
import io.dpforge.federated.wire.Float32Chunks;
import io.dpforge.federated.wire.ProtocolHeaders;
import io.dpforge.federated.wire.TlsFiles;
import io.dpforge.federated.wire.Versions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A federated-learning client: registers with a coordinator, fetches the global model, trains locally
 * and submits the update, over the v1 wire protocol.
 *
 * <pre>{@code
 * try (FederatedClient client = FederatedClient.builder()
 *     .target("coordinator.example.org:7070")
 *     .clientId("site-7")
 *     .numExamples(data.size())
 *     .trainer(model -> LocalUpdate.of(sgd.optimize(net, model.parameters(), data).update(), data.size()))
 *     .build()) {
 *   RunSummary summary = client.run(Long.MAX_VALUE);   // until the coordinator finishes training
 * }
 * }</pre>
 *
 * <p>Failures: unreachable coordinators are retried with exponential backoff and jitter
 * ({@link RetryPolicy}); back-pressure (RESOURCE_EXHAUSTED with a retry delay) is honoured; a lost
 * session (coordinator restart) re-registers; a dropped upload resumes where the coordinator's copy
 * stopped, under the same idempotency id, so it is applied exactly once. What remains surfaces as one
 * {@link FederatedClientException} subclass per situation.
 *
 * <p>Security: under mutual TLS the client's name is its certificate's; with a {@link SigningKey} every
 * update carries an Ed25519 signature over its metadata and digest. When the coordinator runs secure
 * aggregation (it says so at registration) updates are masked and sent through one SecureAggregate
 * stream per cohort; a cohort abandoned for dropouts, or one this client leaves, is retried in a later
 * cohort under the same update id. {@link Builder#requireSecureAggregation} refuses to send updates in the
 * clear at all.
 */
public final class FederatedClient implements AutoCloseable {
  private final ManagedChannel ownedChannel;
  private final CoordinatorGrpc.CoordinatorBlockingStub blocking;
  private final CoordinatorGrpc.CoordinatorStub async;
  private final SessionHeader session = new SessionHeader();
  private final String clientId;
  private final long numExamples;
  private final LocalTrainer trainer;
  private final RetryPolicy retry;
  private final int chunkValues;
  private final SplittableRandom jitter;
  private final SigningKey signing;
  private final KeyVerification peerVerification;
  private final boolean requireSecureAggregation;
  private final SecureRandom secureRandom;
  private volatile String clientName;
  private volatile String runId = "";
  private volatile int dimension = -1;
  private volatile boolean secureAggregation;

  private FederatedClient(Builder b) {
    Channel base;
    if (b.channel != null) {
      base = b.channel;
      ownedChannel = null;
    } else {
      ownedChannel = Grpc.newChannelBuilder(b.target, credentials(b.tls))
          .maxInboundMessageSize(Float32Chunks.MAX_MESSAGE_BYTES)
          .keepAliveTime(30, TimeUnit.SECONDS)
          .build();
      base = ownedChannel;
    }
    Channel channel = ClientInterceptors.intercept(base, session);
    this.blocking = CoordinatorGrpc.newBlockingStub(channel);
    this.async = CoordinatorGrpc.newStub(channel);
    this.clientId = b.clientId;
    this.numExamples = b.numExamples;
    this.trainer = b.trainer;
    this.retry = b.retry;
    this.chunkValues = Float32Chunks.chunkValues(b.chunkValues);
    this.jitter = new SplittableRandom(b.jitterSeed);
    this.signing = b.signing;
    this.peerVerification = b.peerVerification;
    this.requireSecureAggregation = b.requireSecureAggregation;
    this.secureRandom = b.secureRandom;
    this.clientName = b.clientId;
  }

  private static ChannelCredentials credentials(TlsFiles tls) {
    if (tls == null) {
      return InsecureChannelCredentials.create();
    }
    try {
      TlsChannelCredentials.Builder c = TlsChannelCredentials.newBuilder().trustManager(tls.trust().toFile());
      if (tls.certificate().isPresent()) {
        c.keyManager(tls.certificate().get().toFile(), tls.key().orElseThrow().toFile());
      }
      return c.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load TLS files " + tls + ": " + e.getMessage(), e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Registers (again) with the coordinator; other calls do this on their own when needed. */
  public void register() {
    withRetries("register", false, this::registerOnce);
  }

  private Void registerOnce() {
    session.clear();
    RegisterRequest.Builder req = RegisterRequest.newBuilder().setClientId(clientId).setNumExamples(numExamples);
    if (signing != null) {
      req.setSigningCertificate(ByteString.copyFrom(signing.certificateDer()));
    }
    RegisterResponse r = blocking.register(req.build());
    if (r.getSignaturesRequired() && signing == null) {
      throw new AuthenticationException("the coordinator requires Ed25519-signed updates: give this client its"
          + " signing key (signing.pem and signing.key)", null);
    }
    if (requireSecureAggregation && !r.getSecureAggregation()) {
      throw new SecureAggregationException("this client requires secure aggregation and the coordinator does not"
          + " run it; no update is sent in the clear", null);
    }
    session.set(r.getSessionToken().isEmpty() ? "" : r.getSessionToken());
    runId = r.getRunId();
    dimension = (int) r.getModelDimension();
    secureAggregation = r.getSecureAggregation();
    clientName = r.getClientId().isEmpty() ? clientId : r.getClientId();
    return null;
  }

  /** Whether the coordinator masks updates (known after registering). */
  public boolean secureAggregation() {
    return secureAggregation;
  }

  /**
   * This client's name: the coordinator's answer once registered (the certificate's name under mutual
   * TLS), the configured name before.
   */
  public String name() {
    return clientName;
  }

  /** The coordinator's run id (after registering). */
  public String runId() {
    return runId;
  }

  /** Whether the coordinator is still training. */
  public RunState heartbeat() {
    return withRetries("heartbeat", true, () -> switch (blocking.heartbeat(HeartbeatRequest.getDefaultInstance()).getRunState()) {
      case RUN_STATE_FINISHED -> RunState.FINISHED;
      default -> RunState.TRAINING;
    });
  }

  /**
   * Waits for work on a model of at least {@code minVersion} and downloads it.
   *
   * @return the model, or empty when the coordinator has finished training
   */
  public Optional<GlobalModel> fetchModel(ModelVersion minVersion) {
    return withRetries("fetch the model", true, () -> fetchOnce(minVersion));
  }

  private Optional<GlobalModel> fetchOnce(ModelVersion minVersion) {
    Iterator<ModelChunk> chunks = blocking.fetchModel(FetchModelRequest.newBuilder()
        .setMinVersion(Versions.toProto(minVersion)).setChunkValues(chunkValues).build());
    if (!chunks.hasNext()) {
      throw Status.INTERNAL.withDescription("model stream ended before its header").asRuntimeException();
    }
    ModelHeader h = chunks.next().getHeader();
    if (h.getRunState() == io.dpforge.federated.proto.v1.RunState.RUN_STATE_FINISHED) {
      while (chunks.hasNext()) {
        chunks.next();
      }
      return Optional.empty();
    }
    float[] values = new float[Math.toIntExact(h.getDimension())];
    long received = 0;
    while (chunks.hasNext()) {
      ModelChunk c = chunks.next();
      if (c.getValues().getOffset() != received) {
        throw Status.INTERNAL.withDescription("model chunk at " + c.getValues().getOffset() + ", expected " + received)
            .asRuntimeException();
      }
      Float32Chunks.decodeInto(c.getValues().getFloat32Le(), values, (int) received);
      received += c.getValues().getFloat32Le().size() / 4;
    }
    if (received != values.length) {
      throw Status.UNAVAILABLE.withDescription("model stream ended after " + received + " of " + values.length
          + " values").asRuntimeException();
    }
    return Optional.of(new GlobalModel(Versions.fromProto(h.getVersion()), h.getAssignmentId(), values,
        h.getLocalSteps()));
  }

  /**
   * Sends an update computed on {@code base} under a fresh idempotency id. A dropped upload is resumed at
   * the coordinator's received count; a lost acknowledgement comes back as DUPLICATE; either way the
   * update is applied at most once.
   */
  public SubmitReceipt submit(GlobalModel base, LocalUpdate update) {
    Objects.requireNonNull(base, "base model");
    Objects.requireNonNull(update, "update");
    String updateId = UUID.randomUUID().toString();
    if (!session.isSet()) {
      register();
    }
    if (secureAggregation) {
      return submitMasked(base, update, updateId);
    }
    byte[] digest = signing == null ? null : UpdateDigest.of(update.delta());
    int[] attempts = {0};
    long[] resumed = {0};
    SubmitUpdateResponse r = withRetries("submit update " + updateId, true, () -> {
      long offset = 0;
      if (attempts[0] > 0) {
        UploadStateResponse s = blocking.getUploadState(UploadStateRequest.newBuilder().setUpdateId(updateId).build());
        offset = switch (s.getState()) {
          case STATE_PARTIAL -> s.getReceivedValues();
          case STATE_COMPLETE -> update.delta().length;
          default -> 0;
        };
        resumed[0] += offset;
      }
      attempts[0]++;
      UpdateHeader.Builder header = UpdateHeader.newBuilder()
          .setUpdateId(updateId)
          .setBaseVersion(Versions.toProto(base.version()))
          .setDimension(update.delta().length)
          .setNumExamples(update.numExamples())
          .setAssignmentId(base.assignmentId())
          .setOffset(offset);
      if (signing != null) {
        // Signed per attempt: a re-registration may have changed the run the signature is bound to.
        UpdateClaim claim = new UpdateClaim(runId, clientName, updateId, base.version(), base.assignmentId(),
            update.numExamples(), update.delta().length, digest, -1, 0);
        header.setValuesSha256(ByteString.copyFrom(digest)).setSignature(ByteString.copyFrom(signing.sign(claim.statement())));
      }
      try {
        return Upload.send(async, header.build(), update.delta(), chunkValues);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
      }
    });
    SubmitReceipt.Outcome outcome = switch (r.getOutcome()) {
      case UPDATE_OUTCOME_ACCEPTED -> SubmitReceipt.Outcome.ACCEPTED;
      case UPDATE_OUTCOME_DUPLICATE -> SubmitReceipt.Outcome.DUPLICATE;
      case UPDATE_OUTCOME_DISCARDED_LATE -> SubmitReceipt.Outcome.DISCARDED_LATE;
      default -> SubmitReceipt.Outcome.DISCARDED_FINISHED;
    };
    return new SubmitReceipt(updateId, outcome, Versions.fromProto(r.getAppliesToVersion()), attempts[0], resumed[0]);
  }

  /**
   * Sends an update masked, through secure aggregation: one cohort after another until one applies it
   * (or says it was applied before, or discards it). A cohort abandoned for dropouts, one whose round
   * closed without this client's masked input, or one this client left because it could not trust it,
   * costs one attempt of the retry budget.
   */
  private SubmitReceipt submitMasked(GlobalModel base, LocalUpdate update, String updateId) {
    int attempts = 0;
    String last = "";
    while (true) {
      attempts++;
      SecureSubmission.Answer a;
      try {
        a = withRetries("securely aggregate update " + updateId, true, () -> {
          SecAggClient protocol = new SecAggClient(clientName, secureRandom, signing, peerVerification);
          try {
            return SecureSubmission.run(async, protocol, new SecureSubmission.Submission(runId, clientName, updateId,
                base.version(), base.assignmentId(), update.numExamples(), update.delta(), signing, chunkValues,
                jitter.nextLong()));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
          }
        });
      } catch (CoordinatorOverloadedException e) {
        a = new SecureSubmission.Answer(null, e.getMessage());
      }
      SubmitReceipt.Outcome outcome = a.result() == null ? null : switch (a.result().getOutcome()) {
        case SEC_AGG_OUTCOME_APPLIED -> SubmitReceipt.Outcome.ACCEPTED;
        case SEC_AGG_OUTCOME_DUPLICATE -> SubmitReceipt.Outcome.DUPLICATE;
        case SEC_AGG_OUTCOME_DISCARDED_LATE -> SubmitReceipt.Outcome.DISCARDED_LATE;
        case SEC_AGG_OUTCOME_DISCARDED_FINISHED -> SubmitReceipt.Outcome.DISCARDED_FINISHED;
        default -> null;
      };
      if (outcome != null) {
        return new SubmitReceipt(updateId, outcome, Versions.fromProto(a.result().getVersion()), attempts, 0);
      }
      last = a.refusal() != null ? a.refusal() : a.result().getOutcome() + ": " + a.result().getReason();
      if (attempts >= retry.maxAttempts()) {
        throw new SecureAggregationException("update " + updateId + " found no cohort to complete in " + attempts
            + " attempts; last: " + last, null);
      }
      sleep(retry.backoff(attempts - 1, jitter));
    }
  }

  /**
   * Fetch, train, submit, until the coordinator finishes, this client reaches its participation limit,
   * its local privacy budget cannot pay for another round (the trainer throws
   * {@link BudgetExceededException}), or {@code maxUpdates} updates were accepted. A stale model is fetched again and retrained.
   */
  public RunSummary run(long maxUpdates) throws InterruptedException {
    if (trainer == null) {
      throw new IllegalStateException("run() needs a LocalTrainer: set one with builder().trainer(...)");
    }
    ModelVersion min = new ModelVersion(0, 0);
    ModelVersion last = min;
    long accepted = 0;
    long discarded = 0;
    long refetched = 0;
    while (accepted < maxUpdates) {
      Optional<GlobalModel> model = fetchModel(min);
      if (model.isEmpty()) {
        return new RunSummary(accepted, discarded, refetched, last, RunSummary.End.FINISHED);
      }
      last = model.get().version();
      LocalUpdate update;
      try {
        update = trainer.train(model.get());
      } catch (BudgetExceededException e) {
        // A private local optimizer charges its ledger before it touches the data, so nothing was released.
        return new RunSummary(accepted, discarded, refetched, last, RunSummary.End.LOCAL_BUDGET_SPENT);
      }
      SubmitReceipt receipt;
      try {
        receipt = submit(model.get(), update);
      } catch (StaleModelException e) {
        refetched++;
        min = last;
        continue;
      } catch (ParticipationLimitException e) {
        return new RunSummary(accepted, discarded, refetched, last, RunSummary.End.PARTICIPATION_LIMIT);
      }
      switch (receipt.outcome()) {
        case ACCEPTED, DUPLICATE -> accepted++;
        case DISCARDED_LATE -> discarded++;
        case DISCARDED_FINISHED -> {
          return new RunSummary(accepted, discarded, refetched, last, RunSummary.End.FINISHED);
        }
      }
      min = receipt.appliesTo();
    }
    return new RunSummary(accepted, discarded, refetched, last, RunSummary.End.MAX_UPDATES);
  }

  @Override
  public void close() {
    if (ownedChannel != null) {
      ownedChannel.shutdownNow();
      try {
        ownedChannel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---------------------------------------------------------------- retries

  /** A call that may fail with a gRPC status. */
  @FunctionalInterface
  private interface Call<T> {
    T run();
  }

  private <T> T withRetries(String what, boolean needsSession, Call<T> call) {
    int failures = 0;
    int pushBacks = 0;
    boolean reRegistered = false;
    while (true) {
      try {
        if (needsSession && !session.isSet()) {
          registerOnce();
        }
        return call.run();
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        Duration wait;
        switch (code) {
          case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, CANCELLED, INTERNAL, UNKNOWN -> {
            if (++failures >= retry.maxAttempts()) {
              throw new CoordinatorUnavailableException("cannot " + what + " after " + failures + " attempts: "
                  + e.getStatus(), e);
            }
            wait = retry.backoff(failures - 1, jitter);
          }
          case RESOURCE_EXHAUSTED -> {
            Optional<Duration> delay = retryDelay(e);
            if (delay.isEmpty()) {
              throw new UpdateRejectedException("OVER_SIZE", "cannot " + what + ": " + e.getStatus(), e);
            }
            if (++pushBacks >= retry.maxAttempts()) {
              throw new CoordinatorOverloadedException("cannot " + what + ": the coordinator pushed back "
                  + pushBacks + " times (" + e.getStatus().getDescription() + ")", e);
            }
            wait = retry.pushBack(delay.get(), jitter);
          }
          case UNAUTHENTICATED -> {
            if (reRegistered) {
              throw new AuthenticationException("cannot " + what + ": " + e.getStatus(), e);
            }
            reRegistered = true;
            session.clear();
            continue;
          }
          case PERMISSION_DENIED -> throw new AuthenticationException("cannot " + what + ": " + e.getStatus(), e);
          case FAILED_PRECONDITION -> {
            String reason = reason(e);
            if (reason.equals("PARTICIPATION_LIMIT")) {
              throw new ParticipationLimitException(e.getStatus().getDescription(), e);
            }
            if (reason.startsWith("SECURE_AGGREGATION_")) {
              // The coordinator changed mode since this client registered (a restart with other flags).
              session.clear();
              throw new SecureAggregationException("cannot " + what + ": " + e.getStatus().getDescription(), e);
            }
            throw new StaleModelException(e.getStatus().getDescription(), e);
          }
          case INVALID_ARGUMENT -> throw new UpdateRejectedException(reason(e), e.getStatus().getDescription(), e);
          default -> throw new CoordinatorUnavailableException("cannot " + what + ": " + e.getStatus(), e);
        }
        sleep(wait);
      }
    }
  }

  private static String reason(StatusRuntimeException e) {
    Metadata trailers = e.getTrailers();
    String r = trailers == null ? null : trailers.get(ProtocolHeaders.REJECT_REASON);
    return r == null ? "UNSPECIFIED" : r;
  }

  private static Optional<Duration> retryDelay(StatusRuntimeException e) {
    com.google.rpc.Status s = StatusProto.fromThrowable(e);
    if (s == null) {
      return Optional.empty();
    }
    for (com.google.protobuf.Any any : s.getDetailsList()) {
      if (any.is(RetryInfo.class)) {
        try {
          com.google.protobuf.Duration d = any.unpack(RetryInfo.class).getRetryDelay();
          return Optional.of(Duration.ofSeconds(d.getSeconds(), d.getNanos()));
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new CoordinatorUnavailableException("interrupted while waiting to retry", ie);
    }
  }

  /** Builds a {@link FederatedClient}. */
  public static final class Builder {
    private String target;
    private Channel channel;
    private String clientId;
    private long numExamples;
    private LocalTrainer trainer;
    private TlsFiles tls;
    private RetryPolicy retry = RetryPolicy.defaults();
    private int chunkValues;
    private long jitterSeed = System.nanoTime();
    private SigningKey signing;
    private KeyVerification peerVerification;
    private boolean requireSecureAggregation;
    private SecureRandom secureRandom = new SecureRandom();

    private Builder() {}

    /** The coordinator, {@code host:port}. */
    public Builder target(String hostPort) {
      this.target = Objects.requireNonNull(hostPort);
      return this;
    }

    /** An existing channel instead of a target (the caller owns and closes it). */
    public Builder channel(Channel c) {
      this.channel = Objects.requireNonNull(c);
      return this;
    }

    /**
     * This client's stable name. Under mutual TLS the certificate's name counts, and is the default when
     * no name is given.
     */
    public Builder clientId(String id) {
      this.clientId = Objects.requireNonNull(id);
      return this;
    }

    /** Local training examples (for data-ratio weights). */
    public Builder numExamples(long n) {
      if (n < 0) {
        throw new IllegalArgumentException("number of examples must be >= 0, got " + n);
      }
      this.numExamples = n;
      return this;
    }

    /** Local training, for {@link FederatedClient#run}. */
    public Builder trainer(LocalTrainer t) {
      this.trainer = Objects.requireNonNull(t);
      return this;
    }

    /** TLS: trust the CA, and present a certificate and key when the coordinator requires them (mTLS). */
    public Builder tls(TlsFiles files) {
      this.tls = files;
      return this;
    }

    public Builder retry(RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy);
      return this;
    }

    /** Values per upload chunk (default 256 Ki = 1 MiB; at most 1 Mi = 4 MiB). */
    public Builder chunkValues(int n) {
      this.chunkValues = n;
      return this;
    }

    /**
     * Signs every update's metadata (and, under secure aggregation, its keys) with this Ed25519 key; its
     * certificate is sent when registering.
     */
    public Builder signing(SigningKey key) {
      this.signing = key;
      return this;
    }

    /**
     * Under secure aggregation, checks that every neighbour's keys were signed by that neighbour's
     * certificate (and that it is not revoked) before sharing secrets with it.
     */
    public Builder verifyPeers(KeyVerification v) {
      this.peerVerification = v;
      return this;
    }

    /** Refuses to send updates unless the coordinator runs secure aggregation. */
    public Builder requireSecureAggregation(boolean require) {
      this.requireSecureAggregation = require;
      return this;
    }

    /** The source of this client's protocol secrets (default: a new SecureRandom; a seeded one only in tests). */
    public Builder secureRandom(SecureRandom r) {
      this.secureRandom = Objects.requireNonNull(r);
      return this;
    }

    /** Seeds the backoff jitter (non-private randomness; default: the clock). */
    public Builder jitterSeed(long seed) {
      this.jitterSeed = seed;
      return this;
    }

    public FederatedClient build() {
      if ((target == null) == (channel == null)) {
        throw new IllegalArgumentException("give exactly one of target(host:port) and channel(...)");
      }
      if ((clientId == null || clientId.isBlank()) && tls != null && tls.certificate().isPresent()) {
        clientId = SignerTrust.commonName(PemFiles.readCertificate(tls.certificate().get()));
      }
      if (clientId == null || clientId.isBlank()) {
        throw new IllegalArgumentException("a client id is required: builder().clientId(...)");
      }
      return new FederatedClient(this);
    }
  }
}
