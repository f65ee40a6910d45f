package io.dpforge.client.fl;

import io.dpforge.federated.proto.v1.CoordinatorGrpc;
import io.dpforge.federated.proto.v1.SubmitUpdateResponse;
import io.dpforge.federated.proto.v1.UpdateChunk;
import io.dpforge.federated.proto.v1.UpdateHeader;
import io.dpforge.federated.proto.v1.Values;
import io.dpforge.federated.wire.Float32Chunks;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One SubmitUpdate stream: the header, then the values from {@code offset} on in chunks, sent only
 * while the transport is ready (gRPC flow control), so memory stays one chunk whatever the model size.
 */
final class Upload implements ClientResponseObserver<UpdateChunk, SubmitUpdateResponse> {
  private final CompletableFuture<SubmitUpdateResponse> result = new CompletableFuture<>();
  private final Object readiness = new Object();
  private ClientCallStreamObserver<UpdateChunk> requests;

  /** Sends the update and waits for the coordinator's answer. */
  static SubmitUpdateResponse send(CoordinatorGrpc.CoordinatorStub stub, UpdateHeader header, float[] values,
      int chunkValues) throws InterruptedException {
    Upload u = new Upload();
    stub.submitUpdate(u);
    return u.stream(header, values, chunkValues);
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<UpdateChunk> requestStream) {
    this.requests = requestStream;
    requestStream.setOnReadyHandler(this::wake);
  }

  private SubmitUpdateResponse stream(UpdateHeader header, float[] values, int chunkValues)
      throws InterruptedException {
    requests.onNext(UpdateChunk.newBuilder().setHeader(header).build());
    int next = (int) Math.min(header.getOffset(), values.length);
    while (next < values.length && !result.isDone()) {
      synchronized (readiness) {
        while (!requests.isReady() && !result.isDone()) {
          readiness.wait(50);
        }
      }
      if (result.isDone()) {
        break;
      }
      int n = Math.min(chunkValues, values.length - next);
      requests.onNext(UpdateChunk.newBuilder().setValues(
          Values.newBuilder().setOffset(next).setFloat32Le(Float32Chunks.encode(values, next, n))).build());
      next += n;
    }
    if (!result.isDone()) {
      requests.onCompleted();
    }
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException s) {
        throw s;
      }
      throw new IllegalStateException("upload failed: " + e.getCause(), e.getCause());
    }
  }

  private void wake() {
    synchronized (readiness) {
      readiness.notifyAll();
    }
  }

  @Override
  public void onNext(SubmitUpdateResponse value) {
    result.complete(value);
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
    wake();
  }

  @Override
  public void onCompleted() {
    if (!result.isDone()) {
      result.completeExceptionally(io.grpc.Status.INTERNAL
          .withDescription("coordinator closed the upload without an answer").asRuntimeException());
    }
    wake();
  }
}
