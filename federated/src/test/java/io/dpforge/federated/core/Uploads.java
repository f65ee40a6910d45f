package io.dpforge.federated.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test helper: pushes whole updates through a coordinator's upload path. */
final class Uploads {
  private static int counter;

  private Uploads() {}

  static ByteBuffer bytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b;
  }

  static SubmitResult submit(Coordinator c, String client, ModelVersion base, float[] delta) {
    return submit(c, client, base, delta, 1, "u" + (++counter));
  }

  static SubmitResult submit(Coordinator c, String client, ModelVersion base, float[] delta, long examples,
      String updateId) {
    return submit(c, client, base, delta, examples, updateId, "");
  }

  static SubmitResult submit(Coordinator c, String client, ModelVersion base, float[] delta, long examples,
      String updateId, String assignmentId) {
    ClientId id = new ClientId(client);
    UploadStart s = c.beginUpload(id, new UpdateHeader(updateId, base, delta.length, examples, assignmentId, 0));
    if (s.isDuplicate()) {
      return s.duplicate();
    }
    s.upload().append(0, bytes(delta));
    return c.completeUpload(s.upload());
  }
}
