package io.dpforge.federated.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The canonical bytes a signature covers: a domain-separation tag naming what is signed, then each field
 * length-prefixed, so no two different statements share an encoding and a signature on one kind of
 * message can never be passed off as another kind.
 */
public final class Statement {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

  private Statement(String tag) {
    text(tag);
  }

  /** Starts a statement of the given kind, e.g. {@code "dpforge/update/v1"}. */
  public static Statement of(String tag) {
    return new Statement(tag);
  }

  public Statement text(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public Statement bytes(byte[] b) {
    u64(b.length);
    out.writeBytes(b);
    return this;
  }

  public Statement u64(long v) {
    for (int i = 7; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  public Statement f64(double v) {
    return u64(Double.doubleToLongBits(v));
  }

  public byte[] toBytes() {
    return out.toByteArray();
  }
}
