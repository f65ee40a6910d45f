package io.dpforge.decentralized.rpc;

import io.dpforge.decentralized.method.NodeState;
import io.dpforge.decentralized.problem.LocalObjective;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One real node: its method state, its private objective and the event rules (the research brief,
 * §A4). Events flow the node to the clock's current time ("flow to now").
 *
 * <ul>
 *   <li>A gradient is computed on a snapshot of x_i without holding the node, so exchanges never wait
 *       on a gradient computation; the node is then held briefly to flow to now and apply the (slightly
 *       stale) gradient.
 *   <li>An exchange holds both ends for its whole duration, so each node takes part in one exchange at a
 *       time, as in the simulator. The initiator (the lower id of the edge) holds itself and asks the
 *       responder, which holds itself, flows to its clock and sends that time and its message; the
 *       initiator computes its own message at that time and sends it; the responder applies its half
 *       and releases; the initiator applies its half and releases. Both ends apply the same exchange at
 *       the same instant. A node waits only while holding itself for a node with a higher id, so no
 *       cycle of waits, hence no deadlock, can form.
 * </ul>
 *
 * <p>The hold is a semaphore, not a lock: a responder acquires it in one gRPC callback and releases it
 * in another, possibly on another thread.
 */
public final class GossipNode {
  private final int id;
  private final NodeState state;
  private final LocalObjective objective;
  private final int dim;
  private final Semaphore hold = new Semaphore(1, true);
  private final AtomicLong gradients = new AtomicLong();
  private final AtomicLong initiated = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile GossipClock clock;

  public GossipNode(int id, NodeState state, LocalObjective objective) {
    this.id = id;
    this.state = state;
    this.objective = objective;
    this.dim = objective.dim();
  }

  public int id() {
    return id;
  }

  public int dim() {
    return dim;
  }

  /** Whether the node has its clock, and so answers exchanges. */
  public boolean started() {
    return clock != null;
  }

  /** Sets the clock; the node answers exchanges only from then on. */
  public void useClock(GossipClock c) {
    this.clock = c;
  }

  /** A gradient event now. */
  public void gradientEvent() {
    double[] point = new double[dim];
    hold.acquireUninterruptibly();
    try {
      state.flowTo(clock.now());
      state.gradientPoint(point);
    } finally {
      hold.release();
    }
    double[] gradient = new double[dim];
    objective.gradient(point, gradient);
    hold.acquireUninterruptibly();
    try {
      state.flowTo(clock.now());
      state.applyGradient(gradient);
      gradients.incrementAndGet();
    } finally {
      hold.release();
    }
  }

  /**
   * Initiates one exchange over {@code link}, this node being the edge's lower id.
   *
   * @return whether the exchange happened (false when the peer could not be reached)
   */
  public boolean initiate(PeerLink link) {
    hold.acquireUninterruptibly();
    try {
      double[] own = new double[dim];
      double[][] theirs = new double[1][];
      double[] at = new double[1];
      link.exchange((t, responderMessage) -> {
        // Held since before the responder read its clock, so this node is not past t (one process);
        // across machines skew may put it past t, and message/exchange then work as of t.
        state.flowTo(t);
        state.message(t, own);
        theirs[0] = responderMessage;
        at[0] = t;
        return own;
      });
      state.exchange(at[0], own, theirs[0]);
      initiated.incrementAndGet();
      return true;
    } catch (PeerUnavailableException e) {
      failed.incrementAndGet();
      return false;
    } finally {
      hold.release();
    }
  }

  /**
   * The responder's first step: holds this node, flows it to its clock and returns the exchange time and
   * its message. Must be followed by {@link #finishResponse} or {@link #abortResponse}.
   */
  public Response beginResponse() {
    GossipClock c = clock;
    if (c == null) {
      throw new IllegalStateException("node " + id + " has not started its clock");
    }
    hold.acquireUninterruptibly();
    try {
      double t = Math.max(c.now(), state.time());
      state.flowTo(t);
      double[] own = new double[dim];
      state.message(t, own);
      return new Response(t, own);
    } catch (RuntimeException e) {
      hold.release();
      throw e;
    }
  }

  /** The responder's second step: applies its half with the initiator's message and releases the node. */
  public void finishResponse(Response r, double[] initiatorMessage) {
    try {
      if (initiatorMessage.length != dim) {
        throw new IllegalArgumentException("message of length " + initiatorMessage.length + ", node " + id
            + " expects " + dim);
      }
      state.exchange(r.time(), r.message(), initiatorMessage);
      answered.incrementAndGet();
    } finally {
      hold.release();
    }
  }

  /** Releases the node after a first step whose exchange did not complete; the state is unchanged. */
  public void abortResponse() {
    hold.release();
  }

  /** The node's estimate and counters at time t, or at its own time if later (the state is not changed). */
  public Snapshot snapshot(double time) {
    double[] x = new double[dim];
    hold.acquireUninterruptibly();
    try {
      double t = Math.max(time, state.time());
      state.estimateAt(t, x);
      return new Snapshot(id, t, x, gradients.get(), initiated.get(), answered.get(), failed.get());
    } finally {
      hold.release();
    }
  }

  /** The conserved term at time t ≥ the node's time (see {@link NodeState#conservedTerm}). */
  public Optional<double[]> conservedTerm(double t) {
    hold.acquireUninterruptibly();
    try {
      return state.conservedTerm(Math.max(t, state.time()));
    } finally {
      hold.release();
    }
  }

  /** The responder's exchange time and message, between its two steps. */
  public record Response(double time, double[] message) {}

  /**
   * A node's view at one time.
   *
   * @param initiated exchanges this node started and completed
   * @param answered exchanges this node applied as responder
   * @param failed exchanges this node started whose peer could not be reached
   */
  public record Snapshot(int node, double time, double[] estimate, long gradients, long initiated, long answered,
      long failed) {}
}
