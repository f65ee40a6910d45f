package io.dpforge.client.fl;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicInteger;

/** Test network faults on the first SubmitUpdate call: drop the upload mid-stream, or lose the answer. */
final class FlakyNetwork implements ClientInterceptor {
  enum Fault { DROP_UPLOAD_AFTER_CHUNKS, LOSE_ACKNOWLEDGEMENT }

  private final Fault fault;
  private final int afterMessages;
  private final AtomicInteger submitCalls = new AtomicInteger();

  FlakyNetwork(Fault fault, int afterMessages) {
    this.fault = fault;
    this.afterMessages = afterMessages;
  }

  int submitCalls() {
    return submitCalls.get();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    ClientCall<Q, R> call = next.newCall(method, options);
    if (!method.getBareMethodName().equals("SubmitUpdate") || submitCalls.incrementAndGet() > 1) {
      return call;
    }
    return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
      private int sent;
      private boolean dropped;

      @Override
      public void start(Listener<R> listener, Metadata headers) {
        if (fault == Fault.LOSE_ACKNOWLEDGEMENT) {
          listener = new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
            @Override
            public void onMessage(R message) {
              // the answer is lost on the way back
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
              super.onClose(Status.UNAVAILABLE.withDescription("connection lost (simulated)"), new Metadata());
            }
          };
        }
        super.start(listener, headers);
      }

      @Override
      public void sendMessage(Q message) {
        if (dropped) {
          return;
        }
        super.sendMessage(message);
        if (fault == Fault.DROP_UPLOAD_AFTER_CHUNKS && ++sent == afterMessages) {
          dropped = true;
          cancel("connection dropped (simulated)", null);
        }
      }

      @Override
      public void halfClose() {
        if (!dropped) {
          super.halfClose();
        }
      }
    };
  }
}
