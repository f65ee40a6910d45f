package io.dpforge.client.fl;

import com.google.protobuf.ByteString;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.proto.v1.CoordinatorGrpc;
import io.dpforge.federated.proto.v1.MaskedInputChunk;
import io.dpforge.federated.proto.v1.MaskedInputHeader;
import io.dpforge.federated.proto.v1.MaskedValues;
import io.dpforge.federated.proto.v1.SecAggJoin;
import io.dpforge.federated.proto.v1.SecAggRequest;
import io.dpforge.federated.proto.v1.SecAggResponse;
import io.dpforge.federated.proto.v1.SecAggResult;
import io.dpforge.federated.secagg.Rounds;
import io.dpforge.federated.secagg.SecAggClient;
import io.dpforge.federated.security.SigningKey;
import io.dpforge.federated.security.UpdateClaim;
import io.dpforge.federated.wire.SecAggWire;
import io.dpforge.federated.wire.Versions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One SecureAggregate stream: joins the open cohort with an update, then answers each round with the
 * {@link SecAggClient}'s message until the coordinator sends the result. A failure on this side (a
 * neighbour's keys that do not verify, a cohort too small to hide the update) cancels the stream, which
 * makes this client a dropout: the update is then not in the sum and is retried in a later cohort.
 */
final class SecureSubmission implements ClientResponseObserver<SecAggRequest, SecAggResponse> {
  /** How long to wait for the next round; the coordinator's own round timeouts are much shorter. */
  private static final long ROUND_WAIT_MINUTES = 30;
  private static final Object END = new Object();

  private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final Object readiness = new Object();
  private ClientCallStreamObserver<SecAggRequest> requests;

  /** What the coordinator answered, and whether this side refused to go on. */
  record Answer(SecAggResult result, String refusal) {}

  /** The update and what it is signed with. */
  record Submission(String runId, String client, String updateId, ModelVersion base, String assignmentId,
      long numExamples, float[] delta, SigningKey signing, int chunkValues, long roundingSeed) {}

  /** Runs the protocol once. */
  static Answer run(CoordinatorGrpc.CoordinatorStub stub, SecAggClient protocol, Submission s)
      throws InterruptedException {
    SecureSubmission call = new SecureSubmission();
    stub.secureAggregate(call);
    return call.drive(protocol, s);
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<SecAggRequest> requestStream) {
    this.requests = requestStream;
    requestStream.setOnReadyHandler(this::wake);
  }

  private Answer drive(SecAggClient protocol, Submission s) throws InterruptedException {
    requests.onNext(SecAggRequest.newBuilder().setJoin(SecAggJoin.newBuilder()
        .setUpdateId(s.updateId()).setBaseVersion(Versions.toProto(s.base())).setDimension(s.delta().length)
        .setNumExamples(s.numExamples()).setAssignmentId(s.assignmentId())).build());
    Rounds.CohortFormed formed = null;
    while (true) {
      Object next = inbox.poll(ROUND_WAIT_MINUTES, TimeUnit.MINUTES);
      if (next == null) {
        requests.cancel("no answer from the coordinator for " + ROUND_WAIT_MINUTES + " minutes", null);
        throw Status.DEADLINE_EXCEEDED.withDescription("secure aggregation stalled").asRuntimeException();
      }
      if (next instanceof StatusRuntimeException e) {
        throw e;
      }
      if (next instanceof Throwable t) {
        throw Status.fromThrowable(t).asRuntimeException();
      }
      if (next == END) {
        throw Status.UNAVAILABLE.withDescription("the coordinator ended the secure-aggregation stream without a"
            + " result").asRuntimeException();
      }
      SecAggResponse r = (SecAggResponse) next;
      try {
        switch (r.getRoundCase()) {
          case COHORT -> {
            formed = SecAggWire.fromProto(r.getCohort(), s.runId());
            send(SecAggRequest.newBuilder().setKeys(SecAggWire.toProto(protocol.advertise(formed))).build());
          }
          case KEYS -> send(SecAggRequest.newBuilder().setShares(SecAggWire.toProto(
              protocol.shareKeys(SecAggWire.fromProto(r.getKeys())).shares())).build());
          case SHARES -> {
            protocol.receiveShares(new Rounds.IncomingShares(SecAggWire.fromProto(r.getShares())));
            sendMaskedInput(protocol.maskedInput(s.delta(), new SplittableRandom(s.roundingSeed())), formed, s);
          }
          case SURVIVORS -> send(SecAggRequest.newBuilder().setReveal(SecAggWire.toProto(
              protocol.reveal(SecAggWire.fromProto(r.getSurvivors())))).build());
          case RESULT -> {
            requests.onCompleted();
            return new Answer(r.getResult(), null);
          }
          default -> throw new IllegalStateException("an empty secure-aggregation message");
        }
      } catch (RuntimeException e) {
        requests.cancel("this client left the cohort: " + e.getMessage(), e);
        return new Answer(null, e.getMessage());
      }
    }
  }

  private void sendMaskedInput(long[] masked, Rounds.CohortFormed formed, Submission s)
      throws InterruptedException {
    byte[] bytes = formed.quantization().modulus().encode(masked, 0, masked.length);
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    byte[] signature = new byte[0];
    if (s.signing() != null) {
      signature = s.signing().sign(new UpdateClaim(s.runId(), s.client(), s.updateId(), s.base(), s.assignmentId(),
          s.numExamples(), s.delta().length, digest, formed.context().cohort(), formed.factor()).statement());
    }
    send(SecAggRequest.newBuilder().setMaskedInput(MaskedInputChunk.newBuilder().setHeader(
        MaskedInputHeader.newBuilder().setSha256(ByteString.copyFrom(digest))
            .setSignature(ByteString.copyFrom(signature)))).build());
    int width = formed.quantization().modulus().bytes();
    for (int from = 0; from < masked.length; from += s.chunkValues()) {
      int n = Math.min(s.chunkValues(), masked.length - from);
      synchronized (readiness) {
        while (!requests.isReady() && inbox.isEmpty()) {
          readiness.wait(50);
        }
      }
      if (!inbox.isEmpty()) {
        return; // the coordinator answered early (a rejection): the loop reads it
      }
      send(SecAggRequest.newBuilder().setMaskedInput(MaskedInputChunk.newBuilder().setValues(
          MaskedValues.newBuilder().setOffset(from).setValuesLe(ByteString.copyFrom(bytes, from * width, n * width))))
          .build());
    }
  }

  private void send(SecAggRequest m) {
    requests.onNext(m);
  }

  private void wake() {
    synchronized (readiness) {
      readiness.notifyAll();
    }
  }

  @Override
  public void onNext(SecAggResponse value) {
    inbox.add(value);
    wake();
  }

  @Override
  public void onError(Throwable t) {
    inbox.add(t instanceof StatusRuntimeException ? t : Status.fromThrowable(t).asRuntimeException());
    wake();
  }

  @Override
  public void onCompleted() {
    inbox.add(END);
    wake();
  }
}
