package io.dpforge.federated.server;

import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.secagg.SecureAggregation;
import io.dpforge.federated.security.ContributionSignatures;
import io.dpforge.federated.wire.Float32Chunks;
import io.dpforge.federated.wire.TlsFiles;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A coordinator served over gRPC (Netty). Plaintext unless TLS files are given; with a CA file as well
 * as a certificate, client certificates are required (mutual TLS).
 */
public final class CoordinatorServer implements AutoCloseable {
  private final Server server;
  private final Coordinator coordinator;
  private final SecureAggregation secureAggregation;

  private CoordinatorServer(Builder b) {
    this.coordinator = b.coordinator;
    this.secureAggregation = b.secureAggregation;
    CoordinatorService service = new CoordinatorService(b.coordinator, b.authenticator, b.heartbeatInterval,
        b.secureAggregation, b.signatures);
    ServerCredentials creds = b.tls == null ? InsecureServerCredentials.create() : credentials(b.tls);
    this.server = Grpc.newServerBuilderForPort(b.port, creds)
        .addService(ServerInterceptors.intercept(service, service.interceptor()))
        .maxInboundMessageSize(Float32Chunks.MAX_MESSAGE_BYTES)
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .build();
  }

  private static ServerCredentials credentials(TlsFiles tls) {
    try {
      TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder()
          .keyManager(tls.certificate().orElseThrow().toFile(), tls.key().orElseThrow().toFile())
          .trustManager(tls.trust().toFile())
          .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load TLS files " + tls + ": " + e.getMessage(), e);
    }
  }

  public static Builder builder(Coordinator coordinator) {
    return new Builder(coordinator);
  }

  /** Starts listening. */
  public CoordinatorServer start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the coordinator server: " + e.getMessage(), e);
    }
    return this;
  }

  /** The port it listens on (useful with port 0). */
  public int port() {
    return server.getPort();
  }

  public Coordinator coordinator() {
    return coordinator;
  }

  /** Blocks until the server stops. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    coordinator.close();
    if (secureAggregation != null) {
      secureAggregation.close();
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Builds a {@link CoordinatorServer}. */
  public static final class Builder {
    private final Coordinator coordinator;
    private int port;
    private TlsFiles tls;
    private ClientAuthenticator authenticator = new SessionTokens();
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private SecureAggregation secureAggregation;
    private ContributionSignatures signatures;

    private Builder(Coordinator coordinator) {
      this.coordinator = Objects.requireNonNull(coordinator);
    }

    /** Port to listen on; 0 picks a free one. */
    public Builder port(int p) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, got " + p);
      }
      this.port = p;
      return this;
    }

    /** Serves over TLS: certificate and key required; client certificates are required too (mTLS). */
    public Builder tls(TlsFiles files) {
      if (files != null && files.certificate().isEmpty()) {
        throw new IllegalArgumentException("a TLS server needs its certificate and key, got only " + files.trust());
      }
      this.tls = files;
      return this;
    }

    /** Who is calling; default: session tokens issued by Register. */
    public Builder authenticator(ClientAuthenticator a) {
      this.authenticator = Objects.requireNonNull(a);
      return this;
    }

    /**
     * The secure aggregation the coordinator was built with ({@code Coordinator.builder(..).maskedCohorts}),
     * so the transport can find members' seats.
     */
    public Builder secureAggregation(SecureAggregation s) {
      this.secureAggregation = s;
      return this;
    }

    /** Requires Ed25519 signatures on updates and logs accepted ones (see {@link ContributionSignatures}). */
    public Builder signatures(ContributionSignatures s) {
      this.signatures = s;
      return this;
    }

    public Builder heartbeatInterval(Duration d) {
      this.heartbeatInterval = Objects.requireNonNull(d);
      return this;
    }

    public CoordinatorServer build() {
      if (coordinator.securelyAggregated() != (secureAggregation != null)) {
        throw new IllegalArgumentException(coordinator.securelyAggregated()
            ? "the coordinator runs secure aggregation: give the server its SecureAggregation"
            : "the server was given a SecureAggregation the coordinator was not built with");
      }
      if (secureAggregation != null && secureAggregation.signatures().orElse(null) != signatures) {
        throw new IllegalArgumentException("secure aggregation must check signatures with the same"
            + " ContributionSignatures as the server (the one clients enroll with at registration), or neither may");
      }
      return new CoordinatorServer(this);
    }
  }
}
