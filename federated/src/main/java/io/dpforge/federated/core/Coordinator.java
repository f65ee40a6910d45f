package io.dpforge.federated.core;

import io.dpforge.federated.aggregate.Admission;
import io.dpforge.federated.aggregate.AggregateRelease;
import io.dpforge.federated.aggregate.Cohort;
import io.dpforge.federated.aggregate.CohortSum;
import io.dpforge.federated.aggregate.Contribution;
import io.dpforge.federated.aggregate.MaskedCohort;
import io.dpforge.federated.aggregate.PlainCohort;
import io.dpforge.federated.aggregate.ServerOptimizer;
import io.dpforge.federated.checkpoint.CheckpointStore;
import io.dpforge.federated.checkpoint.CoordinatorCheckpoint;
import io.dpforge.federated.metrics.ClientParticipation;
import io.dpforge.federated.metrics.CoordinatorMetrics;
import io.dpforge.federated.metrics.StatusSnapshot;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.Trigger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The federated coordinator's core: registers clients, hands out models, stages updates into upload
 * cohorts and applies each closed cohort as one server step θ ← θ + η_g Σ_i ω_i Δ_i (Fraboni et al.,
 * JMLR 2023, §2). The {@link Strategy} decides when a cohort closes and how updates are weighted; an
 * {@link AggregateRelease} decides what of a cohort's sum is released (central DP). It knows no
 * transport: the gRPC service translates the wire protocol into these calls.
 *
 * <p>Rules every strategy shares: a client contributes at most once per cohort (its next model is the
 * one that includes its update); an update id is applied at most once; a run ends cleanly (clients are
 * told to stop) when the version limit is reached, {@link #finish} is called, or the privacy budget is
 * spent.
 *
 * <p>Under secure aggregation ({@link Builder#maskedCohorts}) updates never arrive in the clear: a client
 * {@link #joinCohort joins} the open cohort with its update's metadata and is told its weight factor; when
 * the strategy's trigger fires the cohort is <em>sealing</em> while its members run the protocol, and a
 * new cohort opens for later arrivals. One cohort seals at a time, so versions stay in order; a cohort
 * whose trigger fires meanwhile waits for the one ahead. A sealed cohort is applied like a plain one; an
 * abandoned one (too many dropouts) changes nothing, and its members join a later cohort.
 */
public final class Coordinator implements AutoCloseable {
  /** The fewest members a masked cohort is sealed with. */
  public static final int MIN_MASKED_MEMBERS = 2;

  private final Strategy strategy;
  private final AggregateRelease release;
  private final Cohort.Factory cohorts;
  private final MaskedCohort.Factory maskedCohorts;
  private final Importance importance;
  private final CoordinatorOptions options;
  private final LongSupplier clock;
  private final CheckpointStore checkpoints;
  private final Consumer<String> log;
  private final ReentrantLock lock = new ReentrantLock();
  private final ScheduledExecutorService timer;
  private final SplittableRandom roundRandom;
  private final List<Runnable> deferred = new ArrayList<>();
  private final boolean virtualTime;

  private final String runId;
  private final VersionLineage versions;
  private final double[] model;
  private final ServerOptimizer optimizer;
  private final CoordinatorMetrics metrics;
  private final Map<ClientId, ClientState> clients = new LinkedHashMap<>();
  private final Map<ClientId, Waiter> waiters = new LinkedHashMap<>();
  private final UploadStaging staging;

  private volatile ModelSnapshot snapshot;
  private Cohort cohort;
  private MaskedCohort forming;
  private MaskedCohort sealing;
  private boolean closeWhenSealed;
  private long maskedSerial;
  private long examplesTotal;
  private int activeAssignments;
  private long assignmentCounter;
  private long roundStep = -1;
  private ScheduledFuture<?> roundTimeout;
  private RunState runState = RunState.TRAINING;
  private String finishReason = "";
  private final CompletableFuture<String> finished = new CompletableFuture<>();

  private record Waiter(ModelVersion minVersion, CompletableFuture<Assignment> future) {}

  private Coordinator(Builder b) {
    this.strategy = b.strategy;
    this.release = b.release;
    this.cohorts = b.cohorts != null ? b.cohorts : (step, d) -> new PlainCohort(step, d, b.release.bound());
    this.maskedCohorts = b.maskedCohorts;
    this.importance = b.importance;
    this.options = b.options;
    this.clock = b.clock;
    this.checkpoints = b.checkpoints;
    this.log = b.log;
    this.staging = new UploadStaging(options.stagingBudgetBytes(), options.resumeWindow(), options.retryAfter());
    this.metrics = new CoordinatorMetrics(clock.getAsLong());
    this.optimizer = new ServerOptimizer(strategy.serverLearningRate(), strategy.serverMomentum(), b.initialModel.length);
    Optional<CoordinatorCheckpoint> restored = b.checkpoints == null ? Optional.empty() : b.checkpoints.latest();
    if (restored.isPresent()) {
      CoordinatorCheckpoint c = restored.get();
      requireCompatible(c, b.initialModel.length);
      this.runId = c.runId();
      this.versions = VersionLineage.resumed(c.generation(), c.version(), c.lineage());
      this.model = c.model().clone();
      this.optimizer.restore(c.momentum());
      for (CoordinatorCheckpoint.Client cc : c.clients()) {
        ClientState s = new ClientState(new ClientId(cc.id()), cc.examples(), cc.registeredAtStep());
        s.contributions = cc.contributions();
        s.weightSum = cc.weightSum();
        s.lastAppliedStep = cc.lastAppliedStep();
        cc.appliedUpdateIds().forEach(s::rememberAccepted);
        clients.put(s.id, s);
        examplesTotal += s.examples;
      }
      metrics.restore(c.metrics());
      release.restore(c.releaseState());
    } else {
      this.runId = b.runId != null ? b.runId : UUID.randomUUID().toString();
      this.versions = VersionLineage.fresh();
      this.model = b.initialModel.clone();
    }
    this.roundRandom = new SplittableRandom(options.seed() ^ versions.generation() * 0x9E3779B97F4A7C15L);
    this.snapshot = ModelSnapshot.of(versions.current(), model);
    if (maskedCohorts == null) {
      this.cohort = cohorts.open(versions.next().number(), model.length);
    } else {
      this.forming = openMasked();
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "coordinator-timer");
      t.setDaemon(true);
      return t;
    });
    this.virtualTime = b.virtualTime;
    if (strategy.trigger() instanceof Trigger.Timer t && !virtualTime) {
      long p = t.period().toNanos();
      timer.scheduleAtFixedRate(this::tick, p, p, TimeUnit.NANOSECONDS);
    }
    timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    if (!options.logInterval().isZero()) {
      long l = options.logInterval().toNanos();
      timer.scheduleAtFixedRate(() -> log.accept(status().logLine()), l, l, TimeUnit.NANOSECONDS);
    }
  }

  private void requireCompatible(CoordinatorCheckpoint c, int dimension) {
    if (!c.strategy().equals(strategy.name())) {
      throw new IllegalArgumentException("checkpoint in " + checkpoints.dir() + " was written by strategy '"
          + c.strategy() + "', this coordinator runs '" + strategy.name() + "'");
    }
    if (c.model().length != dimension) {
      throw new IllegalArgumentException("checkpoint in " + checkpoints.dir() + " holds a model of dimension "
          + c.model().length + ", this coordinator's model has " + dimension);
    }
  }

  /**
   * Starts a coordinator.
   *
   * @param strategy trigger, weights and server optimizer
   * @param initialModel θ^0 (ignored when resuming from a checkpoint)
   */
  public static Builder builder(Strategy strategy, double[] initialModel) {
    return new Builder(strategy, initialModel);
  }

  // ---------------------------------------------------------------- clients

  /**
   * Registers a client, or re-registers one after a reconnect (its history is kept).
   *
   * @return the model dimension
   */
  public int register(ClientId id, long numExamples) {
    return locked(() -> {
      ClientState s = clients.get(id);
      if (s == null) {
        s = new ClientState(id, numExamples, versions.current().number());
        clients.put(id, s);
        examplesTotal += numExamples;
      } else {
        examplesTotal += numExamples - s.examples;
        s.examples = numExamples;
      }
      return model.length;
    });
  }

  /**
   * Asks for work on a model of at least {@code minVersion}. The future completes when the client is
   * assigned work (at once, after a new version, when a concurrency slot frees, or when a FedAvg round
   * selects it) or when training finishes.
   */
  public CompletableFuture<Assignment> fetch(ClientId id, ModelVersion minVersion) {
    CompletableFuture<Assignment> f = new CompletableFuture<>();
    locked(() -> {
      ClientState s = requireClient(id);
      if (runState == RunState.FINISHED) {
        f.complete(Assignment.finishedRun());
        return null;
      }
      clearAssignment(s);
      // At most one update per cohort: a client whose update waits in the open cohort gets the model
      // that includes it.
      ModelVersion min = cohort != null && s.pendingStep == cohort.step()
          ? versions.atLeast(minVersion, s.pendingStep) : minVersion;
      Waiter previous = waiters.put(id, new Waiter(min, f));
      if (previous != null) {
        previous.future().cancel(false);
      }
      pump();
      return null;
    });
    return f;
  }

  /** Withdraws a pending fetch (the client went away). */
  public void cancelFetch(ClientId id, CompletableFuture<Assignment> f) {
    locked(() -> {
      Waiter w = waiters.get(id);
      if (w != null && w.future() == f) {
        waiters.remove(id);
      }
      return null;
    });
  }

  // ---------------------------------------------------------------- uploads

  /**
   * Starts (or resumes) receiving an update.
   *
   * @throws UpdateRejectedException for a wrong dimension, an unknown or too-stale base version, a
   *     client past its participation limit, or a resume offset that does not match
   * @throws OverloadedException when the staging budget is full
   */
  public UploadStart beginUpload(ClientId id, UpdateHeader h) {
    return locked(() -> {
      ClientState s = requireClient(id);
      if (runState == RunState.FINISHED) {
        return new UploadStart(null, new SubmitResult(SubmitResult.Outcome.DISCARDED_FINISHED, versions.current()));
      }
      if (s.hasAccepted(h.updateId())) {
        return new UploadStart(null, new SubmitResult(SubmitResult.Outcome.DUPLICATE, versions.current()));
      }
      Optional<StagedUpload> existing = staging.find(id, h.updateId());
      if (existing.isPresent()) {
        StagedUpload u = existing.get();
        if (h.offset() != u.received()) {
          throw new UpdateRejectedException(UpdateRejectedException.Reason.MALFORMED, "update " + h.updateId()
              + ": resume offset " + h.offset() + " but the coordinator holds " + u.received() + " values");
        }
        u.touch(clock.getAsLong());
        return new UploadStart(u, null);
      }
      if (h.offset() != 0) {
        throw new UpdateRejectedException(UpdateRejectedException.Reason.MALFORMED, "update " + h.updateId()
            + ": no partial upload to resume at offset " + h.offset() + "; start again from offset 0");
      }
      if (maskedCohorts != null) {
        throw new UpdateRejectedException(UpdateRejectedException.Reason.SECURE_AGGREGATION_REQUIRED, "this"
            + " coordinator runs secure aggregation: join a cohort and send the update masked, never in the clear");
      }
      requireEligible(id, h);
      return new UploadStart(staging.open(id, h, model.length, clock.getAsLong()), null);
    });
  }

  /** Records transport activity on an upload, so it is not expired while values still stream in. */
  public void touch(StagedUpload u) {
    u.touch(clock.getAsLong());
  }

  /** Forgets an upload that was rejected mid-stream (a bad chunk): it cannot be resumed. */
  public void discardUpload(StagedUpload u) {
    locked(() -> {
      staging.remove(u);
      return null;
    });
  }

  /**
   * Stages a fully received update into the open cohort (or discards it as late).
   *
   * @throws UpdateRejectedException INCOMPLETE when values are missing, or when the base version went
   *     out of range while the values streamed in
   */
  public SubmitResult completeUpload(StagedUpload u) {
    if (!u.isComplete()) {
      discardUpload(u);
      throw new UpdateRejectedException(UpdateRejectedException.Reason.INCOMPLETE, "update "
          + u.header().updateId() + " ended after " + u.received() + " of " + model.length + " values");
    }
    return locked(() -> {
      staging.remove(u);
      ClientState s = requireClient(u.client());
      UpdateHeader h = u.header();
      if (runState == RunState.FINISHED) {
        return new SubmitResult(SubmitResult.Outcome.DISCARDED_FINISHED, versions.current());
      }
      if (s.hasAccepted(h.updateId())) {
        return new SubmitResult(SubmitResult.Outcome.DUPLICATE, versions.current());
      }
      ClientState.ActiveAssignment a = s.assignment;
      if (strategy.trigger() instanceof Trigger.Rounds && (a == null || a.round() != roundStep)) {
        clearAssignment(s);
        return new SubmitResult(SubmitResult.Outcome.DISCARDED_LATE, versions.current());
      }
      if (s.pendingStep == cohort.step()) {
        throw new UpdateRejectedException(UpdateRejectedException.Reason.ALREADY_IN_COHORT, "client " + s.id
            + " already has an update in the open cohort (version " + cohort.step() + "); at most one per cohort");
      }
      long staleness = stalenessOf(h);
      double factor = factorOf(s, h, staleness, u.createdNanos());
      cohort.add(new Contribution(s.id, u.values(), factor, staleness, h.numExamples()));
      s.rememberAccepted(h.updateId());
      s.pendingStep = cohort.step();
      clearAssignment(s);
      metrics.onAccepted();
      ModelVersion appliesTo = versions.next();
      closeIfTriggered();
      pump();
      return new SubmitResult(SubmitResult.Outcome.ACCEPTED, appliesTo);
    });
  }

  /**
   * Under secure aggregation: asks for a seat in the open cohort for an update whose values the client
   * will mask. The answer is the cohort's serial (the client learns its weight factor from the cohort when
   * it seals), or an immediate result: DUPLICATE for an update already applied, DISCARDED_LATE after its
   * FedAvg round, DISCARDED_FINISHED after training ended.
   *
   * @throws UpdateRejectedException for a wrong dimension, an unknown or too-stale base version, a client
   *     past its participation limit or already holding a seat with another update
   * @throws OverloadedException when this update already holds a seat in a cohort that is still sealing
   *     (the client retries after the delay and learns what became of it)
   */
  public JoinResult joinCohort(ClientId id, UpdateHeader h) {
    return locked(() -> {
      if (maskedCohorts == null) {
        throw new UpdateRejectedException(UpdateRejectedException.Reason.SECURE_AGGREGATION_OFF, "this coordinator"
            + " does not run secure aggregation: submit the update with SubmitUpdate");
      }
      ClientState s = requireClient(id);
      if (runState == RunState.FINISHED) {
        return JoinResult.answered(new SubmitResult(SubmitResult.Outcome.DISCARDED_FINISHED, versions.current()));
      }
      if (s.hasAccepted(h.updateId())) {
        return JoinResult.answered(new SubmitResult(SubmitResult.Outcome.DUPLICATE, versions.current()));
      }
      if (s.maskedCohort >= 0) {
        if (h.updateId().equals(s.maskedUpdateId)) {
          throw new OverloadedException("update " + h.updateId() + " holds a seat in cohort " + s.maskedCohort
              + ", which has not finished; retry after " + options.retryAfter().toMillis() + " ms",
              options.retryAfter());
        }
        throw new UpdateRejectedException(UpdateRejectedException.Reason.ALREADY_IN_COHORT, "client " + id
            + " already holds a seat in cohort " + s.maskedCohort + " with update " + s.maskedUpdateId);
      }
      requireEligible(id, h);
      if (strategy.trigger() instanceof Trigger.Arrivals t && forming.size() >= t.count()) {
        throw new OverloadedException("the open cohort is full and waits for the cohort ahead of it to seal; retry"
            + " after " + options.retryAfter().toMillis() + " ms", options.retryAfter());
      }
      ClientState.ActiveAssignment a = s.assignment;
      if (strategy.trigger() instanceof Trigger.Rounds && (a == null || a.round() != roundStep)) {
        clearAssignment(s);
        return JoinResult.answered(new SubmitResult(SubmitResult.Outcome.DISCARDED_LATE, versions.current()));
      }
      long staleness = stalenessOf(h);
      double factor = factorOf(s, h, staleness, clock.getAsLong());
      forming.admit(new Admission(id, h.updateId(), h.baseVersion(), h.assignmentId(), factor, staleness,
          h.numExamples()));
      s.maskedCohort = forming.serial();
      s.maskedUpdateId = h.updateId();
      clearAssignment(s);
      long serial = forming.serial();
      closeIfTriggered();
      pump();
      return JoinResult.seat(serial);
    });
  }

  /** How much of an update the coordinator holds, for resuming a dropped upload. */
  public UploadState uploadState(ClientId id, String updateId) {
    return locked(() -> {
      ClientState s = requireClient(id);
      if (s.hasAccepted(updateId)) {
        return new UploadState(UploadState.Kind.COMPLETE, model.length);
      }
      return staging.find(id, updateId)
          .map(u -> new UploadState(UploadState.Kind.PARTIAL, u.received()))
          .orElse(new UploadState(UploadState.Kind.UNKNOWN, 0));
    });
  }

  // ---------------------------------------------------------------- state

  public ModelSnapshot currentModel() {
    return snapshot;
  }

  public int dimension() {
    return model.length;
  }

  public String runId() {
    return runId;
  }

  public Strategy strategy() {
    return strategy;
  }

  /** Whether updates arrive masked, through {@link #joinCohort}. */
  public boolean securelyAggregated() {
    return maskedCohorts != null;
  }

  public RunState runState() {
    return locked(() -> runState);
  }

  /** Completes with the finish reason when training ends. */
  public CompletableFuture<String> whenFinished() {
    return finished;
  }

  /** Ends training: pending fetches are told to stop, later updates are discarded. */
  public void finish(String reason) {
    locked(() -> {
      finishLocked(reason);
      return null;
    });
  }

  /** Progress and metrics now. */
  public StatusSnapshot status() {
    return locked(() -> {
      long now = clock.getAsLong();
      double elapsed = metrics.elapsedSeconds(now);
      List<ClientParticipation> participation = new ArrayList<>(clients.size());
      for (ClientState s : clients.values()) {
        long steps = Math.max(1, versions.current().number() - s.registeredAtStep);
        long covered = s.lastAppliedStep - s.registeredAtStep;
        participation.add(new ClientParticipation(s.id.value(), s.contributions, (double) s.contributions / steps,
            s.weightSum / steps, covered == 0 ? 0 : s.weightSum / covered, importanceOf(s)));
      }
      return new StatusSnapshot(runId, strategy.name(), runState, finishReason, versions.current(), clients.size(),
          metrics.updatesAccepted(), metrics.updatesApplied(), elapsed, metrics.stepsThisProcess() / elapsed,
          metrics.updatesAccepted() / elapsed, metrics.stalenessCounts(), metrics.meanWeightSum(),
          metrics.lastWeightSum(), participation, release.privacy(), staging.stagedBytes(),
          metrics.cohortsAbandoned());
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
    locked(() -> {
      for (Waiter w : waiters.values()) {
        w.future().completeExceptionally(new IllegalStateException("coordinator is shutting down"));
      }
      waiters.clear();
      return null;
    });
  }

  // ---------------------------------------------------------------- internals (lock held)

  private ClientState requireClient(ClientId id) {
    ClientState s = clients.get(id);
    if (s == null) {
      throw new UnknownClientException("client " + id + " is not registered with run " + runId);
    }
    return s;
  }

  private double importanceOf(ClientState s) {
    return switch (importance) {
      case UNIFORM -> 1.0 / clients.size();
      case EXAMPLES -> examplesTotal == 0 ? 1.0 / clients.size() : (double) s.examples / examplesTotal;
    };
  }

  /** Checks an update's dimension, base version and the client's participation limit. */
  private void requireEligible(ClientId id, UpdateHeader h) {
    if (h.dimension() != model.length) {
      throw new UpdateRejectedException(UpdateRejectedException.Reason.WRONG_DIMENSION, "update " + h.updateId()
          + " has dimension " + h.dimension() + ", the model has " + model.length);
    }
    stalenessOf(h);
    if (!release.mayContribute(id)) {
      throw new UpdateRejectedException(UpdateRejectedException.Reason.PARTICIPATION_LIMIT, "client " + id
          + " has contributed to as many aggregates as the privacy budget allows");
    }
  }

  /** ω_i's per-client factor, timing the computation from the assignment it answers (or {@code fallbackStart}). */
  private double factorOf(ClientState s, UpdateHeader h, long staleness, long fallbackStart) {
    ClientState.ActiveAssignment a = s.assignment;
    long issued = a != null && a.id().equals(h.assignmentId()) ? a.issuedNanos() : fallbackStart;
    double seconds = (clock.getAsLong() - issued) / 1e9;
    return strategy.clientFactor(staleness, importanceOf(s), h.numExamples(), seconds);
  }

  /** Updates in the open cohort. */
  private int openSize() {
    return cohort != null ? cohort.size() : forming.size();
  }

  /** Identifies the open cohort (for FedAvg rounds). */
  private long openId() {
    return cohort != null ? cohort.step() : forming.serial();
  }

  /** τ of an update, after checking its base version is known and not too stale. */
  private long stalenessOf(UpdateHeader h) {
    long staleness = versions.staleness(h.updateId(), h.baseVersion());
    if (strategy.maxStaleness() >= 0 && staleness > strategy.maxStaleness()) {
      throw new UpdateRejectedException(UpdateRejectedException.Reason.TOO_STALE, "update " + h.updateId()
          + " is " + staleness + " versions stale, the limit is " + strategy.maxStaleness());
    }
    return staleness;
  }

  private void clearAssignment(ClientState s) {
    if (s.assignment != null) {
      s.assignment = null;
      activeAssignments--;
    }
  }

  private void grant(ClientState s, Waiter w, long round) {
    clearAssignment(s);
    String id = versions.generation() + "-" + (++assignmentCounter);
    s.assignment = new ClientState.ActiveAssignment(id, versions.current(), clock.getAsLong(), round);
    activeAssignments++;
    Assignment a = new Assignment(id, snapshot, false, options.localSteps());
    deferred.add(() -> {
      if (!w.future().complete(a)) {
        locked(() -> {
          if (s.assignment != null && s.assignment.id().equals(id)) {
            clearAssignment(s);
          }
          return null;
        });
      }
    });
  }

  /** Hands out work to waiting clients as the strategy allows. */
  private void pump() {
    if (runState == RunState.FINISHED) {
      return;
    }
    if (strategy.trigger() instanceof Trigger.Rounds r) {
      maybeStartRound(r);
      return;
    }
    int limit = strategy.maxConcurrency();
    for (Iterator<Map.Entry<ClientId, Waiter>> it = waiters.entrySet().iterator(); it.hasNext(); ) {
      if (limit > 0 && activeAssignments >= limit) {
        return;
      }
      Map.Entry<ClientId, Waiter> e = it.next();
      if (versions.satisfies(e.getValue().minVersion())) {
        it.remove();
        grant(clients.get(e.getKey()), e.getValue(), -1);
      }
    }
  }

  /** FedAvg: selects ⌈m(1+o)⌉ waiting clients at random once enough are waiting. */
  private void maybeStartRound(Trigger.Rounds r) {
    if (roundStep >= 0 || closeWhenSealed) {
      return;
    }
    List<ClientId> ready = new ArrayList<>();
    for (Map.Entry<ClientId, Waiter> e : waiters.entrySet()) {
      if (versions.satisfies(e.getValue().minVersion())) {
        ready.add(e.getKey());
      }
    }
    int need = Math.min(r.selectCount(), clients.size());
    if (ready.isEmpty() || ready.size() < need) {
      return;
    }
    for (int i = 0; i < need; i++) {
      int j = i + roundRandom.nextInt(ready.size() - i);
      ClientId pick = ready.get(j);
      ready.set(j, ready.get(i));
      grant(clients.get(pick), waiters.remove(pick), openId());
    }
    roundStep = openId();
    if (virtualTime) {
      return;
    }
    long step = roundStep;
    roundTimeout = timer.schedule(() -> locked(() -> {
      if (roundStep == step) {
        closeRound();
      }
      return null;
    }), r.roundTimeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void closeIfTriggered() {
    Trigger t = strategy.trigger();
    if (t instanceof Trigger.Arrivals a && openSize() >= a.count()) {
      closeStep();
    } else if (t instanceof Trigger.Rounds r && openSize() >= r.cohortSize()) {
      closeRound();
    }
  }

  private void closeRound() {
    if (roundTimeout != null) {
      roundTimeout.cancel(false);
    }
    roundStep = -1;
    if (openSize() > 0) {
      closeStep();
    }
    pump();
  }

  /**
   * Under virtual time (see {@link Builder#virtualTime}): what the timer would do now, i.e. close the
   * FedFix window or the FedAvg round that timed out.
   */
  public void timerFires() {
    if (!virtualTime) {
      throw new IllegalStateException("timerFires() is for coordinators built with virtualTime()");
    }
    if (strategy.trigger() instanceof Trigger.Rounds) {
      locked(() -> {
        if (roundStep >= 0) {
          closeRound();
        }
        return null;
      });
    } else {
      tick();
    }
  }

  /** FedFix: applies whatever arrived during the last Δt; an empty window leaves the model as is. */
  private void tick() {
    locked(() -> {
      // A masked cohort needs two members to reveal only a sum: a lone arrival waits for the next window.
      if (runState == RunState.TRAINING && openSize() >= (cohort != null ? 1 : MIN_MASKED_MEMBERS)) {
        closeStep();
        pump();
      }
      return null;
    });
  }

  private void sweep() {
    locked(() -> {
      long now = clock.getAsLong();
      staging.expire(now);
      long timeout = options.assignmentTimeout().toNanos();
      boolean freed = false;
      for (ClientState s : clients.values()) {
        if (s.assignment != null && s.assignment.round() < 0 && now - s.assignment.issuedNanos() > timeout) {
          clearAssignment(s);
          freed = true;
        }
      }
      if (freed) {
        pump();
      }
      return null;
    });
  }

  /** Closes the open cohort: a plain one is applied at once, a masked one starts sealing. */
  private void closeStep() {
    if (cohort == null) {
      sealMasked();
      return;
    }
    Optional<ModelVersion> applied = applyStep(cohort.seal());
    if (applied.isPresent()) {
      cohort = cohorts.open(applied.get().number() + 1, model.length);
    }
  }

  private MaskedCohort openMasked() {
    return maskedCohorts.open(runId, (versions.generation() << 32) + maskedSerial++, model.length);
  }

  /** Starts sealing the open masked cohort, or marks it to close once the cohort ahead has sealed. */
  private void sealMasked() {
    if (sealing != null) {
      closeWhenSealed = true;
      return;
    }
    closeWhenSealed = false;
    MaskedCohort c = forming;
    forming = openMasked();
    sealing = c;
    c.seal(release.bound()).whenCompleteAsync((sum, error) -> locked(() -> {
      sealed(c, sum, error);
      return null;
    }), timer);
  }

  /** A masked cohort finished its protocol: applies its sum, or records it as abandoned. */
  private void sealed(MaskedCohort c, CohortSum sum, Throwable error) {
    sealing = null;
    List<ClientState> seated = new ArrayList<>();
    for (ClientState s : clients.values()) {
      if (s.maskedCohort == c.serial()) {
        seated.add(s);
      }
    }
    String problem = error == null ? null : (error instanceof java.util.concurrent.CompletionException
        && error.getCause() != null ? error.getCause() : error).getMessage();
    if (runState == RunState.FINISHED) {
      deferred.add(c::finished);
    } else if (problem != null) {
      log.accept("secure aggregation: " + problem + "; its " + seated.size() + " members retry in a later cohort");
      metrics.onAbandoned();
      deferred.add(() -> c.abandoned(problem));
    } else {
      for (CohortSum.Member m : sum.members()) {
        ClientState s = clients.get(m.client());
        s.rememberAccepted(s.maskedUpdateId);
        metrics.onAccepted();
      }
      Optional<ModelVersion> v = applyStep(sum);
      deferred.add(v.isPresent() ? () -> c.applied(v.get()) : c::finished);
    }
    for (ClientState s : seated) {
      s.maskedCohort = -1;
      s.maskedUpdateId = null;
    }
    if (runState == RunState.TRAINING && (closeWhenSealed || triggered())) {
      sealMasked();
    }
    pump();
  }

  /** Whether the open cohort's trigger condition holds (after a cohort ahead of it finished sealing). */
  private boolean triggered() {
    Trigger t = strategy.trigger();
    return t instanceof Trigger.Arrivals a && openSize() >= a.count()
        || t instanceof Trigger.Rounds r && roundStep < 0 && openSize() >= r.cohortSize();
  }

  /**
   * Applies a closed cohort's sum as one server step.
   *
   * @return the new version, or empty when the privacy budget refused the release (training finishes)
   */
  private Optional<ModelVersion> applyStep(CohortSum sum) {
    Optional<double[]> released = release.release(sum);
    if (released.isEmpty()) {
      finishLocked("privacy budget spent");
      return Optional.empty();
    }
    double scale = strategy.weights().cohortScale(sum.size(), sum.examples());
    optimizer.step(model, released.get(), scale);
    versions.advance();
    ModelVersion version = versions.current();
    double weightSum = 0;
    for (CohortSum.Member m : sum.members()) {
      ClientState s = clients.get(m.client());
      double w = m.factor() * scale;
      s.contributions++;
      s.weightSum += w;
      s.lastAppliedStep = version.number();
      weightSum += w;
      metrics.onApplied(m.staleness());
    }
    metrics.onStep(weightSum);
    snapshot = ModelSnapshot.of(version, model);
    if (checkpoints != null && options.checkpointEvery() > 0 && version.number() % options.checkpointEvery() == 0) {
      checkpoints.write(checkpoint());
    }
    if (options.maxVersions() > 0 && version.number() >= options.maxVersions()) {
      finishLocked("reached " + options.maxVersions() + " versions");
    } else if (clients.keySet().stream().noneMatch(release::mayContribute)) {
      finishLocked("privacy budget spent: every client reached its participation limit");
    }
    return Optional.of(version);
  }

  private CoordinatorCheckpoint checkpoint() {
    List<CoordinatorCheckpoint.Client> cs = new ArrayList<>(clients.size());
    for (ClientState s : clients.values()) {
      cs.add(new CoordinatorCheckpoint.Client(s.id.value(), s.examples, s.registeredAtStep, s.contributions,
          s.weightSum, s.lastAppliedStep, s.acceptedIds()));
    }
    return new CoordinatorCheckpoint(runId, strategy.name(), versions.generation(), versions.current().number(),
        versions.earlierGenerations(),
        model.clone(), optimizer.state(), cs, metrics.state(), release.state());
  }

  private void finishLocked(String reason) {
    if (runState == RunState.FINISHED) {
      return;
    }
    runState = RunState.FINISHED;
    finishReason = reason;
    if (checkpoints != null) {
      checkpoints.write(checkpoint());
    }
    for (Waiter w : waiters.values()) {
      deferred.add(() -> w.future().complete(Assignment.finishedRun()));
    }
    waiters.clear();
    if (forming != null && forming.size() > 0) {
      MaskedCohort open = forming;
      deferred.add(open::finished);
      for (ClientState s : clients.values()) {
        if (s.maskedCohort == open.serial()) {
          s.maskedCohort = -1;
          s.maskedUpdateId = null;
        }
      }
    }
    deferred.add(() -> finished.complete(reason));
  }

  private <T> T locked(java.util.function.Supplier<T> body) {
    List<Runnable> run;
    T result;
    lock.lock();
    try {
      result = body.get();
      run = deferred.isEmpty() ? List.of() : new ArrayList<>(deferred);
      deferred.clear();
    } finally {
      lock.unlock();
    }
    run.forEach(Runnable::run);
    return result;
  }

  /** Builds a {@link Coordinator}. */
  public static final class Builder {
    private final Strategy strategy;
    private final double[] initialModel;
    private AggregateRelease release = AggregateRelease.CLEAR;
    private Cohort.Factory cohorts;
    private MaskedCohort.Factory maskedCohorts;
    private Importance importance = Importance.UNIFORM;
    private CoordinatorOptions options = CoordinatorOptions.defaults();
    private LongSupplier clock = System::nanoTime;
    private CheckpointStore checkpoints;
    private Consumer<String> log = line -> { };
    private String runId;
    private boolean virtualTime;

    private Builder(Strategy strategy, double[] initialModel) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      this.initialModel = Objects.requireNonNull(initialModel, "initial model");
      if (initialModel.length == 0) {
        throw new IllegalArgumentException("the model must have at least one parameter");
      }
    }

    /** Central DP (or any other release policy); default: the clear sum. */
    public Builder release(AggregateRelease r) {
      this.release = Objects.requireNonNull(r);
      return this;
    }

    /** How cohorts are summed; default: in the clear, bounded by the release's contribution bound. */
    public Builder cohorts(Cohort.Factory f) {
      this.cohorts = Objects.requireNonNull(f);
      return this;
    }

    /**
     * Secure aggregation: cohorts are masked ({@link MaskedCohort}) and updates arrive only through
     * {@link Coordinator#joinCohort}. Every cohort must be able to hold two members (FedBuff's K ≥ 2,
     * FedAvg's cohort size ≥ 2; async FedAvg, a cohort of one, is refused).
     */
    public Builder maskedCohorts(MaskedCohort.Factory f) {
      this.maskedCohorts = Objects.requireNonNull(f);
      return this;
    }

    public Builder importance(Importance i) {
      this.importance = Objects.requireNonNull(i);
      return this;
    }

    public Builder options(CoordinatorOptions o) {
      this.options = Objects.requireNonNull(o);
      return this;
    }

    /** Resumes from the newest checkpoint in the store (if any) and writes new ones there. */
    public Builder checkpoints(CheckpointStore store) {
      this.checkpoints = store;
      return this;
    }

    /** Where periodic status lines go. */
    public Builder log(Consumer<String> sink) {
      this.log = Objects.requireNonNull(sink);
      return this;
    }

    public Builder runId(String id) {
      this.runId = id;
      return this;
    }

    /**
     * Drives time from outside, for exact event simulations: the clock is the given time source and the
     * FedFix timer and FedAvg round timeout fire only through {@link Coordinator#timerFires()}.
     */
    public Builder virtualTime(LongSupplier nanoTime) {
      this.clock = Objects.requireNonNull(nanoTime);
      this.virtualTime = true;
      return this;
    }

    public Coordinator build() {
      if (maskedCohorts != null) {
        if (cohorts != null) {
          throw new IllegalArgumentException("give plain cohorts or masked cohorts, not both");
        }
        Trigger t = strategy.trigger();
        int size = t instanceof Trigger.Arrivals a ? a.count() : t instanceof Trigger.Rounds r ? r.cohortSize()
            : MIN_MASKED_MEMBERS;
        if (size < MIN_MASKED_MEMBERS) {
          throw new IllegalArgumentException("secure aggregation reveals only the sum of a cohort, so cohorts need at"
              + " least " + MIN_MASKED_MEMBERS + " updates; strategy '" + strategy.name() + "' applies " + size);
        }
      }
      return new Coordinator(this);
    }
  }
}
