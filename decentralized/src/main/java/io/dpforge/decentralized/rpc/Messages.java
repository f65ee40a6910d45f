package io.dpforge.decentralized.rpc;

import io.dpforge.decentralized.rpc.proto.EdgeMessage;

/** Conversions between wire messages and primitive vectors (no boxing of the d doubles). */
final class Messages {
  private Messages() {}

  static EdgeMessage edge(int from, int to, double time, double[] vector) {
    EdgeMessage.Builder b = EdgeMessage.newBuilder().setFromNode(from).setToNode(to).setTime(time);
    for (double v : vector) {
      b.addVector(v);
    }
    return b.build();
  }

  static double[] vector(EdgeMessage m) {
    double[] out = new double[m.getVectorCount()];
    for (int k = 0; k < out.length; k++) {
      out[k] = m.getVector(k);
    }
    return out;
  }
}
