package io.dpforge.federated.server;

import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.proto.v1.CoordinatorGrpc;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * Resolves the caller of every RPC except Register and GetStatus through the {@link ClientAuthenticator}
 * and puts it in the call's context; unknown callers get UNAUTHENTICATED.
 */
final class AuthInterceptor implements ServerInterceptor {
  static final Context.Key<ClientId> CLIENT = Context.key("dpforge-client");
  static final Context.Key<Metadata> HEADERS = Context.key("dpforge-headers");
  static final Context.Key<io.grpc.Attributes> TRANSPORT = Context.key("dpforge-transport");

  private final ClientAuthenticator authenticator;

  AuthInterceptor(ClientAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (method.equals(CoordinatorGrpc.getRegisterMethod().getFullMethodName())
        || method.equals(CoordinatorGrpc.getGetStatusMethod().getFullMethodName())) {
      Context ctx = Context.current().withValue(HEADERS, headers).withValue(TRANSPORT, call.getAttributes());
      return Contexts.interceptCall(ctx, call, headers, next);
    }
    Optional<ClientId> client;
    try {
      client = authenticator.authenticate(headers, call.getAttributes());
    } catch (StatusRuntimeException e) {
      call.close(e.getStatus(), new Metadata());
      return new ServerCall.Listener<>() { };
    }
    if (client.isEmpty()) {
      call.close(Status.UNAUTHENTICATED.withDescription(
          "no valid session: call Register first (after a coordinator restart, register again)"), new Metadata());
      return new ServerCall.Listener<>() { };
    }
    Context ctx = Context.current().withValue(CLIENT, client.get()).withValue(HEADERS, headers);
    return Contexts.interceptCall(ctx, call, headers, next);
  }
}
