package io.dpforge.federated.server;

import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.core.SubmitResult;
import io.dpforge.federated.core.UpdateHeader;
import io.dpforge.federated.core.UpdateRejectedException;
import io.dpforge.federated.core.UploadStart;
import io.dpforge.federated.proto.v1.SubmitUpdateResponse;
import io.dpforge.federated.proto.v1.UpdateChunk;
import io.dpforge.federated.proto.v1.UpdateOutcome;
import io.dpforge.federated.security.ContributionSignatures;
import io.dpforge.federated.security.SignatureRejectedException;
import io.dpforge.federated.security.UpdateClaim;
import io.dpforge.federated.wire.Versions;
import io.grpc.stub.StreamObserver;
import java.security.MessageDigest;

/**
 * Receives one SubmitUpdate stream: the header opens (or resumes) a staged upload, each chunk is
 * checked and stored as it arrives, the end of the stream stages the update into a cohort. A stream
 * that breaks leaves the upload staged for resumption; a bad chunk discards it.
 */
final class UpdateReceiver implements StreamObserver<UpdateChunk> {
  private final Coordinator coordinator;
  private final ClientId client;
  private final ContributionSignatures signatures;
  private final StreamObserver<SubmitUpdateResponse> response;
  private UploadStart start;
  private String updateId = "";
  private UpdateClaim claim;
  private byte[] signature;
  private boolean closed;

  UpdateReceiver(Coordinator coordinator, ClientId client, ContributionSignatures signatures,
      StreamObserver<SubmitUpdateResponse> response) {
    this.coordinator = coordinator;
    this.client = client;
    this.signatures = signatures;
    this.response = response;
  }

  @Override
  public void onNext(UpdateChunk chunk) {
    if (closed) {
      return;
    }
    try {
      if (chunk.hasHeader()) {
        if (start != null) {
          throw new UpdateRejectedException(UpdateRejectedException.Reason.MALFORMED, "a second header in one stream");
        }
        io.dpforge.federated.proto.v1.UpdateHeader h = chunk.getHeader();
        updateId = h.getUpdateId();
        UpdateHeader header = new UpdateHeader(h.getUpdateId(), Versions.fromProto(h.getBaseVersion()),
            h.getDimension(), h.getNumExamples(), h.getAssignmentId(), h.getOffset());
        if (signatures != null) {
          // Checked before anything is staged: an unsigned or forged header never reserves memory.
          claim = new UpdateClaim(coordinator.runId(), client.value(), header.updateId(), header.baseVersion(),
              header.assignmentId(), header.numExamples(), header.dimension(), h.getValuesSha256().toByteArray(), -1, 0);
          signature = h.getSignature().toByteArray();
          signatures.check(client, claim, signature);
        }
        start = coordinator.beginUpload(client, header);
      } else if (chunk.hasValues()) {
        if (start == null) {
          throw new UpdateRejectedException(UpdateRejectedException.Reason.MALFORMED,
              "values before the header; the first message of an update must be its header");
        }
        if (!start.isDuplicate()) {
          try {
            start.upload().append(chunk.getValues().getOffset(), chunk.getValues().getFloat32Le().asReadOnlyByteBuffer());
          } catch (UpdateRejectedException e) {
            coordinator.discardUpload(start.upload());
            throw e;
          }
          coordinator.touch(start.upload());
        }
      } else {
        throw new UpdateRejectedException(UpdateRejectedException.Reason.MALFORMED, "an empty update chunk");
      }
    } catch (RuntimeException e) {
      closed = true;
      response.onError(StatusMapping.toStatus(e));
    }
  }

  @Override
  public void onError(Throwable t) {
    // The stream broke: whatever arrived stays staged so the client can resume at that offset.
    closed = true;
  }

  @Override
  public void onCompleted() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (start == null) {
        throw new UpdateRejectedException(UpdateRejectedException.Reason.MALFORMED, "an update stream without a header");
      }
      if (claim != null && !start.isDuplicate() && start.upload().isComplete()
          && !MessageDigest.isEqual(start.upload().sha256(), claim.sha256())) {
        coordinator.discardUpload(start.upload());
        throw new SignatureRejectedException(SignatureRejectedException.Reason.BAD_SIGNATURE, "update " + updateId
            + ": the values do not match the signed SHA-256 (altered in transit)");
      }
      SubmitResult r = start.isDuplicate() ? start.duplicate() : coordinator.completeUpload(start.upload());
      if (claim != null && r.outcome() == SubmitResult.Outcome.ACCEPTED) {
        signatures.record(claim, signature, "accepted", r.appliesToVersion());
      }
      response.onNext(SubmitUpdateResponse.newBuilder()
          .setUpdateId(updateId)
          .setOutcome(outcome(r.outcome()))
          .setAppliesToVersion(Versions.toProto(r.appliesToVersion()))
          .build());
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(StatusMapping.toStatus(e));
    }
  }

  private static UpdateOutcome outcome(SubmitResult.Outcome o) {
    return switch (o) {
      case ACCEPTED -> UpdateOutcome.UPDATE_OUTCOME_ACCEPTED;
      case DUPLICATE -> UpdateOutcome.UPDATE_OUTCOME_DUPLICATE;
      case DISCARDED_LATE -> UpdateOutcome.UPDATE_OUTCOME_DISCARDED_LATE;
      case DISCARDED_FINISHED -> UpdateOutcome.UPDATE_OUTCOME_DISCARDED_FINISHED;
    };
  }
}
