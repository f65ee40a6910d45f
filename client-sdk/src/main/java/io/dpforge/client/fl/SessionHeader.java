package io.dpforge.client.fl;

import io.dpforge.federated.wire.ProtocolHeaders;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.concurrent.atomic.AtomicReference;

/** Sends the session token from Register on every call (once there is one). */
final class SessionHeader implements ClientInterceptor {
  private final AtomicReference<String> token = new AtomicReference<>();

  void set(String value) {
    token.set(value);
  }

  boolean isSet() {
    return token.get() != null;
  }

  void clear() {
    token.set(null);
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        String t = token.get();
        if (t != null && !t.isEmpty()) {
          headers.put(ProtocolHeaders.SESSION, t);
        }
        super.start(listener, headers);
      }
    };
  }
}
