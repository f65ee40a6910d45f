package io.dpforge.federated.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/** SHA-256 of an update exactly as it travels: float32 values, little-endian, in order. */
public final class UpdateDigest {
  private UpdateDigest() {}

  public static byte[] of(float[] values) {
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer b = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
      if (!b.hasRemaining()) {
        d.update(b.array(), 0, b.position());
        b.clear();
      }
    }
    d.update(b.array(), 0, b.position());
    return d.digest();
  }
}
