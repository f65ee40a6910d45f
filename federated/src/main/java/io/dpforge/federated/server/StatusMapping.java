package io.dpforge.federated.server;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.dpforge.federated.core.OverloadedException;
import io.dpforge.federated.core.UnknownClientException;
import io.dpforge.federated.core.UpdateRejectedException;
import io.dpforge.federated.security.SignatureRejectedException;
import io.dpforge.federated.wire.ProtocolHeaders;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/** Maps the core's exceptions to gRPC statuses a client can act on. */
final class StatusMapping {
  private StatusMapping() {}

  static StatusRuntimeException toStatus(Throwable t) {
    if (t instanceof StatusRuntimeException s) {
      return s;
    }
    if (t instanceof UpdateRejectedException r) {
      Metadata trailers = new Metadata();
      trailers.put(ProtocolHeaders.REJECT_REASON, r.reason().name());
      Status code = r.reason().isPrecondition() ? Status.FAILED_PRECONDITION : Status.INVALID_ARGUMENT;
      return code.withDescription(r.reason().name() + ": " + r.getMessage()).asRuntimeException(trailers);
    }
    if (t instanceof OverloadedException o) {
      long ms = o.retryAfter().toMillis();
      RetryInfo retry = RetryInfo.newBuilder()
          .setRetryDelay(Duration.newBuilder().setSeconds(ms / 1000).setNanos((int) (ms % 1000) * 1_000_000))
          .build();
      return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
          .setCode(Code.RESOURCE_EXHAUSTED_VALUE).setMessage(o.getMessage()).addDetails(Any.pack(retry)).build());
    }
    if (t instanceof SignatureRejectedException r) {
      Metadata trailers = new Metadata();
      trailers.put(ProtocolHeaders.REJECT_REASON, r.reason().name());
      Status code = r.reason() == SignatureRejectedException.Reason.NOT_ENROLLED ? Status.UNAUTHENTICATED
          : Status.PERMISSION_DENIED;
      return code.withDescription(r.reason().name() + ": " + r.getMessage()).asRuntimeException(trailers);
    }
    if (t instanceof UnknownClientException u) {
      return Status.UNAUTHENTICATED.withDescription(u.getMessage()).asRuntimeException();
    }
    if (t instanceof IllegalStateException e) {
      return Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException();
    }
    return Status.INTERNAL.withDescription(t.getClass().getSimpleName() + ": " + t.getMessage()).withCause(t)
        .asRuntimeException();
  }
}
