package io.dpforge.decentralized.rpc;

import io.dpforge.decentralized.method.NodeState;
import io.dpforge.decentralized.problem.LocalObjective;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One real node: its method state, its private objective and the event rules under a lock (the
 * research brief, §A4). Every event flows the node to the clock's current time ("flow to now"), which
 * keeps the dynamics stable when a stalled node fires overdue events in a burst.
 *
 * <ul>
 *   <li>A gradient is computed on a snapshot of x_i outside the lock, so the node's exchanges never
 *       wait on a gradient; the node then locks, flows to now and applies the (slightly stale) gradient.
 *   <li>An exchange is one instant {@code at} shared by both ends. The initiator (the lower id of the
 *       edge) locks, flows to now = at, computes its message and unlocks; it sends (at, message); the
 *       responder locks, applies its half at {@code at} and answers with its message; the initiator locks
 *       again and applies its half at {@code at}. An end already past {@code at} (it took part in another
 *       event meanwhile) applies the jump as of {@code at}, carried forward by the exact flow
 *       ({@link NodeState#exchange}). No lock is ever held while waiting on another node, so no deadlock
 *       can form, and both ends apply the same exchange at the same instant, so none is lost or
 *       applied by one end only (unless the network fails after the responder applied it, which is
 *       counted as a failed exchange).
 * </ul>
 */
public final class GossipNode {
  private final int id;
  private final NodeState state;
  private final LocalObjective objective;
  private final int dim;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong gradients = new AtomicLong();
  private final AtomicLong initiated = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

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

  /** A gradient event now. */
  public void gradientEvent(GossipClock clock) {
    double[] point = new double[dim];
    lock.lock();
    try {
      state.flowTo(clock.now());
      state.gradientPoint(point);
    } finally {
      lock.unlock();
    }
    double[] gradient = new double[dim];
    objective.gradient(point, gradient);
    lock.lock();
    try {
      state.flowTo(clock.now());
      state.applyGradient(gradient);
      gradients.incrementAndGet();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Initiates one exchange now over {@code link}, this node being the edge's lower id.
   *
   * @return whether the exchange happened (false when the peer could not be reached)
   */
  public boolean initiate(GossipClock clock, PeerLink link) {
    double[] own = new double[dim];
    double at;
    lock.lock();
    try {
      state.flowTo(clock.now());
      at = state.time();
      state.message(at, own);
    } finally {
      lock.unlock();
    }
    double[] other;
    try {
      other = link.exchange(at, own);
    } catch (PeerUnavailableException e) {
      failed.incrementAndGet();
      return false;
    }
    lock.lock();
    try {
      state.exchange(at, own, other);
      initiated.incrementAndGet();
    } finally {
      lock.unlock();
    }
    return true;
  }

  /**
   * The responder's half of an exchange at the initiator's instant {@code t}: flows to t, or, when
   * already past t (its clock read later, or skew), exchanges as of t. Returns this node's message.
   */
  public double[] respond(double t, double[] other) {
    if (other.length != dim) {
      throw new IllegalArgumentException("message of length " + other.length + ", node " + id + " expects " + dim);
    }
    double[] own = new double[dim];
    lock.lock();
    try {
      state.flowTo(t);
      state.message(t, own);
      state.exchange(t, own, other);
      answered.incrementAndGet();
    } finally {
      lock.unlock();
    }
    return own;
  }

  /** The node's estimate and counters at time t, or at its own time if later (the state is not changed). */
  public Snapshot snapshot(double time) {
    double[] x = new double[dim];
    lock.lock();
    try {
      double t = Math.max(time, state.time());
      state.estimateAt(t, x);
      return new Snapshot(id, t, x, gradients.get(), initiated.get(), answered.get(), failed.get());
    } finally {
      lock.unlock();
    }
  }

  /** The conserved term at time t ≥ the node's time (see {@link NodeState#conservedTerm}). */
  public Optional<double[]> conservedTerm(double t) {
    lock.lock();
    try {
      return state.conservedTerm(Math.max(t, state.time()));
    } finally {
      lock.unlock();
    }
  }

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
