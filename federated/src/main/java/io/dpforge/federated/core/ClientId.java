package io.dpforge.federated.core;

import java.util.Objects;

/**
 * Who contributed an update. Today it comes from the registration request; under mutual TLS it comes
 * from the client certificate, so the coordinator core never reads identity off a request field.
 */
public record ClientId(String value) implements Comparable<ClientId> {
  public ClientId {
    Objects.requireNonNull(value, "client id");
    if (value.isBlank() || value.length() > 256) {
      throw new IllegalArgumentException("client id must be 1-256 non-blank characters, got '" + value + "'");
    }
  }

  @Override
  public int compareTo(ClientId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
