package io.dpforge.federated.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** What the coordinator remembers about one client. Guarded by the coordinator's lock. */
final class ClientState {
  /** Applied update ids remembered per client for de-duplication (a client only retries its latest). */
  static final int REMEMBERED_UPDATE_IDS = 32;

  final ClientId id;
  long examples;
  /** Server step (version number) when the client registered: the start of its participation window. */
  long registeredAtStep;
  long contributions;
  /** Σ of the client's realised weights ω_i over applied steps. */
  double weightSum;
  /** The version its last applied update produced (registeredAtStep before any). */
  long lastAppliedStep;
  final Deque<String> acceptedUpdateIds = new ArrayDeque<>();
  /** Step of the open cohort holding this client's last accepted update (-1: none pending). */
  long pendingStep = -1;
  /** The client's current work, or null. */
  ActiveAssignment assignment;
  /** Serial of the masked cohort holding this client's update (-1: none), and that update's id. */
  long maskedCohort = -1;
  String maskedUpdateId;

  ClientState(ClientId id, long examples, long registeredAtStep) {
    this.id = id;
    this.examples = examples;
    this.registeredAtStep = registeredAtStep;
    this.lastAppliedStep = registeredAtStep;
  }

  /** An assignment handed out and not yet answered. */
  record ActiveAssignment(String id, ModelVersion base, long issuedNanos, long round) {}

  boolean hasAccepted(String updateId) {
    return acceptedUpdateIds.contains(updateId);
  }

  void rememberAccepted(String updateId) {
    acceptedUpdateIds.addLast(updateId);
    while (acceptedUpdateIds.size() > REMEMBERED_UPDATE_IDS) {
      acceptedUpdateIds.removeFirst();
    }
  }

  List<String> acceptedIds() {
    return new ArrayList<>(acceptedUpdateIds);
  }
}
