package io.dpforge.federated.server;

import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.JoinResult;
import io.dpforge.federated.core.SubmitResult;
import io.dpforge.federated.core.UpdateHeader;
import io.dpforge.federated.core.UpdateRejectedException;
import io.dpforge.federated.proto.v1.MaskedInputChunk;
import io.dpforge.federated.proto.v1.SecAggJoin;
import io.dpforge.federated.proto.v1.SecAggOutcome;
import io.dpforge.federated.proto.v1.SecAggRequest;
import io.dpforge.federated.proto.v1.SecAggResponse;
import io.dpforge.federated.proto.v1.SecAggResult;
import io.dpforge.federated.secagg.CohortMember;
import io.dpforge.federated.secagg.MemberOutbox;
import io.dpforge.federated.secagg.Rounds;
import io.dpforge.federated.secagg.SecureAggregation;
import io.dpforge.federated.wire.SecAggWire;
import io.dpforge.federated.wire.Versions;
import io.grpc.stub.StreamObserver;

/**
 * One SecureAggregate stream: the client's join becomes a seat in the coordinator's open cohort, then the
 * stream carries that seat's rounds both ways. The stream ending early makes the member a dropout.
 */
final class SecAggReceiver implements StreamObserver<SecAggRequest>, MemberOutbox {
  private final Coordinator coordinator;
  private final SecureAggregation secureAggregation;
  private final ClientId client;
  private final StreamObserver<SecAggResponse> response;
  private CohortMember member;
  private boolean closed;

  SecAggReceiver(Coordinator coordinator, SecureAggregation secureAggregation, ClientId client,
      StreamObserver<SecAggResponse> response) {
    this.coordinator = coordinator;
    this.secureAggregation = secureAggregation;
    this.client = client;
    this.response = response;
  }

  @Override
  public void onNext(SecAggRequest r) {
    try {
      switch (r.getRoundCase()) {
        case JOIN -> join(r.getJoin());
        case KEYS -> seat().advertise(SecAggWire.fromProto(r.getKeys(), seat().seat(), client.value()));
        case SHARES -> seat().share(new Rounds.ShareBundle(SecAggWire.fromProto(r.getShares())));
        case MASKED_INPUT -> maskedInput(r.getMaskedInput());
        case REVEAL -> seat().reveal(SecAggWire.fromProto(r.getReveal()));
        default -> throw malformed("an empty secure-aggregation message");
      }
    } catch (RuntimeException e) {
      reject(e);
    }
  }

  private void join(SecAggJoin j) {
    if (member != null) {
      throw malformed("a second join on one stream; one stream carries one update in one cohort");
    }
    JoinResult r = coordinator.joinCohort(client, new UpdateHeader(j.getUpdateId(),
        Versions.fromProto(j.getBaseVersion()), j.getDimension(), j.getNumExamples(), j.getAssignmentId(), 0));
    if (!r.joined()) {
      answer(r.immediate());
      return;
    }
    member = secureAggregation.member(r.cohort(), client).orElse(null);
    if (member == null) {
      // The cohort ended between the seat and this lookup (it could not be sealed): join again.
      result(new Rounds.Result(Rounds.Outcome.ABANDONED, null, "cohort " + r.cohort() + " ended before this member"
          + " attached; join a later cohort"));
      return;
    }
    member.attach(this);
  }

  private void maskedInput(MaskedInputChunk c) {
    if (c.hasHeader()) {
      seat().beginInput(c.getHeader().getSha256().toByteArray(), c.getHeader().getSignature().toByteArray());
    } else if (c.hasValues()) {
      seat().inputChunk(c.getValues().getOffset(), c.getValues().getValuesLe().toByteArray());
    } else {
      throw malformed("an empty masked-input chunk");
    }
  }

  private CohortMember seat() {
    if (member == null) {
      throw malformed("a secure-aggregation round before the join");
    }
    return member;
  }

  private static UpdateRejectedException malformed(String message) {
    return new UpdateRejectedException(UpdateRejectedException.Reason.MALFORMED, message);
  }

  private synchronized void answer(SubmitResult r) {
    SecAggOutcome o = switch (r.outcome()) {
      case DUPLICATE -> SecAggOutcome.SEC_AGG_OUTCOME_DUPLICATE;
      case DISCARDED_LATE -> SecAggOutcome.SEC_AGG_OUTCOME_DISCARDED_LATE;
      case DISCARDED_FINISHED -> SecAggOutcome.SEC_AGG_OUTCOME_DISCARDED_FINISHED;
      case ACCEPTED -> throw new IllegalStateException("a seat is not an immediate answer");
    };
    send(SecAggResponse.newBuilder().setResult(SecAggResult.newBuilder().setOutcome(o)
        .setVersion(Versions.toProto(r.appliesToVersion()))).build());
    end();
  }

  @Override
  public void onError(Throwable t) {
    dropped();
  }

  @Override
  public void onCompleted() {
    dropped();
    end();
  }

  private void dropped() {
    if (member != null) {
      member.disconnected();
    }
  }

  // ---------------------------------------------------------------- outbox

  @Override
  public void formed(Rounds.CohortFormed m) {
    send(SecAggResponse.newBuilder().setCohort(SecAggWire.toProto(m)).build());
  }

  @Override
  public void keys(Rounds.NeighbourKeys m) {
    send(SecAggResponse.newBuilder().setKeys(SecAggWire.toProto(m)).build());
  }

  @Override
  public void shares(Rounds.IncomingShares m) {
    send(SecAggResponse.newBuilder().setShares(SecAggWire.toProto(m.shares())).build());
  }

  @Override
  public void survivors(Rounds.Survivors m) {
    send(SecAggResponse.newBuilder().setSurvivors(SecAggWire.toProto(m)).build());
  }

  @Override
  public synchronized void result(Rounds.Result m) {
    send(SecAggResponse.newBuilder().setResult(SecAggWire.toProto(m)).build());
    end();
  }

  @Override
  public void reject(RuntimeException reason) {
    boolean first;
    synchronized (this) {
      first = !closed;
      closed = true;
      if (first) {
        response.onError(StatusMapping.toStatus(reason));
      }
    }
    // Outside this stream's lock: the cohort's lock is always taken first (it calls the outbox under it).
    if (first) {
      dropped();
    }
  }

  private synchronized void send(SecAggResponse m) {
    if (!closed) {
      response.onNext(m);
    }
  }

  private synchronized void end() {
    if (!closed) {
      closed = true;
      response.onCompleted();
    }
  }
}
