package io.dpforge.federated.server;

import io.dpforge.federated.core.Assignment;
import io.dpforge.federated.proto.v1.ModelChunk;
import io.dpforge.federated.proto.v1.ModelHeader;
import io.dpforge.federated.proto.v1.RunState;
import io.dpforge.federated.proto.v1.Values;
import io.dpforge.federated.wire.Float32Chunks;
import io.dpforge.federated.wire.Versions;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * Streams an assignment's model as a header and chunks, sending only while the transport is ready
 * (gRPC flow control), so a large model to many clients never piles up in memory.
 */
final class ModelStreamer {
  private final ServerCallStreamObserver<ModelChunk> out;
  private final int chunkValues;
  private Assignment assignment;
  private int next = -1;
  private boolean done;

  ModelStreamer(ServerCallStreamObserver<ModelChunk> out, int chunkValues) {
    this.out = out;
    this.chunkValues = chunkValues;
    out.setOnReadyHandler(this::drain);
  }

  /** Starts streaming once the assignment is known. */
  synchronized void start(Assignment a) {
    this.assignment = a;
    drain();
  }

  synchronized void fail(Throwable t) {
    if (!done && !out.isCancelled()) {
      done = true;
      out.onError(StatusMapping.toStatus(t));
    }
  }

  private synchronized void drain() {
    if (assignment == null || done || out.isCancelled()) {
      return;
    }
    if (next < 0) {
      out.onNext(ModelChunk.newBuilder().setHeader(header()).build());
      next = 0;
    }
    float[] v = assignment.finished() ? new float[0] : assignment.model().values();
    while (next < v.length && out.isReady()) {
      int n = Math.min(chunkValues, v.length - next);
      out.onNext(ModelChunk.newBuilder().setValues(
          Values.newBuilder().setOffset(next).setFloat32Le(Float32Chunks.encode(v, next, n))).build());
      next += n;
    }
    if (next >= v.length) {
      done = true;
      out.onCompleted();
    }
  }

  private ModelHeader header() {
    ModelHeader.Builder h = ModelHeader.newBuilder()
        .setRunState(assignment.finished() ? RunState.RUN_STATE_FINISHED : RunState.RUN_STATE_TRAINING);
    if (!assignment.finished()) {
      h.setVersion(Versions.toProto(assignment.model().version()))
          .setDimension(assignment.model().dimension())
          .setAssignmentId(assignment.id())
          .setLocalSteps(assignment.localSteps());
    }
    return h.build();
  }
}
