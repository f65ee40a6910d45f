package io.dpforge.federated.secagg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One member's outgoing messages: held until the transport attaches the member's stream (the cohort may
 * start sealing between a member's admission and that moment), then delivered in order. After
 * {@link #close} nothing more is delivered. Guarded by the cohort's lock.
 */
final class Mailbox {
  private final List<Consumer<MemberOutbox>> pending = new ArrayList<>();
  private MemberOutbox outbox;
  private boolean closed;

  void send(Consumer<MemberOutbox> message) {
    if (closed) {
      return;
    }
    if (outbox == null) {
      pending.add(message);
    } else {
      deliver(message);
    }
  }

  void attach(MemberOutbox o) {
    outbox = o;
    for (Consumer<MemberOutbox> m : pending) {
      deliver(m);
    }
    pending.clear();
  }

  /** Delivers what is already queued (once attached) and nothing after. */
  void close() {
    closed = true;
  }

  private void deliver(Consumer<MemberOutbox> message) {
    try {
      message.accept(outbox);
    } catch (RuntimeException e) {
      // The member's stream is gone: it will count as a dropout when the round closes.
      closed = true;
    }
  }
}
