package io.dpforge.decentralized.rpc;

/** The initiator's end of one edge. */
public interface PeerLink {
  /**
   * Runs one exchange. The responder locks itself and sends its exchange time and message; {@code
   * initiator} turns them into this end's message at that time, which goes back to the responder; this
   * returns once the responder has applied its half.
   *
   * @throws PeerUnavailableException when the responder cannot be reached or does not answer in time
   */
  void exchange(Initiator initiator);

  /** The initiator's side of an exchange. */
  @FunctionalInterface
  interface Initiator {
    /** Given the responder's time and message, returns this end's message at that time. */
    double[] messageAt(double time, double[] responderMessage);
  }
}
