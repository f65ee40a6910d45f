package io.dpforge.federated.security;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The Bouncy Castle provider, used by instance (never installed JVM-wide). */
final class Crypto {
  static final Provider PROVIDER = new BouncyCastleProvider();

  private Crypto() {}
}
