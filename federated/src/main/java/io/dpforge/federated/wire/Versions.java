package io.dpforge.federated.wire;

import io.dpforge.federated.core.ModelVersion;

/** Converts model versions between the core and the wire. */
public final class Versions {
  private Versions() {}

  public static io.dpforge.federated.proto.v1.ModelVersion toProto(ModelVersion v) {
    return io.dpforge.federated.proto.v1.ModelVersion.newBuilder()
        .setGeneration(v.generation()).setNumber(v.number()).build();
  }

  public static ModelVersion fromProto(io.dpforge.federated.proto.v1.ModelVersion v) {
    return new ModelVersion(v.getGeneration(), v.getNumber());
  }
}
