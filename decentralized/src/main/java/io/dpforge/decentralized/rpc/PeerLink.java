package io.dpforge.decentralized.rpc;

/** The initiator's end of one edge: sends its message and returns the responder's. */
public interface PeerLink {
  /**
   * One exchange. The responder has applied its half when this returns.
   *
   * @param time the event time in units
   * @param own the initiator's message
   * @return the responder's message
   * @throws PeerUnavailableException when the responder cannot be reached
   */
  double[] exchange(double time, double[] own);
}
