package io.dpforge.federated.secagg;

import io.dpforge.federated.aggregate.Admission;
import io.dpforge.federated.aggregate.CohortAbandonedException;
import io.dpforge.federated.aggregate.CohortSum;
import io.dpforge.federated.aggregate.ContributionBound;
import io.dpforge.federated.aggregate.MaskedCohort;
import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.security.SignatureRejectedException;
import io.dpforge.federated.security.UpdateClaim;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The coordinator's side of one cohort's secure aggregation (SecAgg+, Bell et al. CCS 2020, run over the
 * rounds of Bonawitz et al. CCS 2017; {@link Rounds} lists them). The coordinator admits members while the
 * cohort is open; {@link #seal} fixes the membership, draws the neighbour graph and runs the rounds. Each
 * round ends when every member still connected has answered, or after the stage timeout; members that
 * neither answer nor stay connected are dropouts. The unmasked sum is the sum of exactly the members whose
 * masked inputs arrived (U3); the cohort is abandoned, with nothing applied, when fewer than the minimum
 * arrived or a needed secret cannot be rebuilt from t shares.
 *
 * <p>What the coordinator holds is only what the protocol gives it: public keys, ciphertexts it cannot
 * open, masked vectors (uniform mod 2^b on their own) and, at the end, shares of exactly one secret per
 * neighbour: survivors' self-mask seeds and dropped members' mask keys.
 */
public final class SecAggCohort implements MaskedCohort {
  private enum Stage { OPEN, KEYS, SHARES, INPUT, REVEAL, UNMASKING, DONE }

  private final CohortContext context;
  private final int dimension;
  private final SecAggSettings settings;
  private final SecureRandom random;
  private final ScheduledExecutorService executor;
  private final CohortSignatures signatures;
  private final Consumer<SecAggCohort> onDone;
  private final List<Member> members = new ArrayList<>();
  private final Map<ClientId, Member> byClient = new HashMap<>();
  private final CompletableFuture<CohortSum> sealed = new CompletableFuture<>();

  private Stage stage = Stage.OPEN;
  private GraphChoice graph;
  private NeighbourGraph neighbours;
  private Quantization quantization;
  private long[] sum;
  private ScheduledFuture<?> deadline;
  private long unmaskNanos = -1;

  /** What the server knows about one seat. */
  private static final class Member {
    final int seat;
    final Admission admission;
    final Mailbox mailbox = new Mailbox();
    boolean connected = true;
    Rounds.AdvertisedKeys keys;
    List<Rounds.EncryptedShares> bundle;
    MaskedUpload upload;
    boolean inputComplete;
    byte[] inputSignature;
    byte[] inputDigest;
    Rounds.Reveal reveal;

    Member(int seat, Admission admission) {
      this.seat = seat;
      this.admission = admission;
    }
  }

  SecAggCohort(CohortContext context, int dimension, SecAggSettings settings, SecureRandom random,
      ScheduledExecutorService executor, CohortSignatures signatures, Consumer<SecAggCohort> onDone) {
    this.context = context;
    this.dimension = dimension;
    this.settings = settings;
    this.random = random;
    this.executor = executor;
    this.signatures = signatures;
    this.onDone = onDone;
  }

  @Override
  public long serial() {
    return context.cohort();
  }

  public CohortContext context() {
    return context;
  }

  @Override
  public synchronized void admit(Admission a) {
    if (stage != Stage.OPEN) {
      throw new IllegalStateException("cohort " + serial() + " is sealing; admit to the open cohort");
    }
    if (byClient.containsKey(a.client())) {
      throw new IllegalStateException("client " + a.client() + " already holds a seat in cohort " + serial());
    }
    Member m = new Member(members.size(), a);
    members.add(m);
    byClient.put(a.client(), m);
  }

  @Override
  public synchronized int size() {
    return members.size();
  }

  /** The transport's handle on a member's seat. */
  public synchronized Optional<CohortMember> member(ClientId client) {
    Member m = byClient.get(client);
    return m == null ? Optional.empty() : Optional.of(new CohortMember(this, m.seat));
  }

  /** The graph and thresholds in force (after sealing started). */
  public synchronized Optional<GraphChoice> graph() {
    return Optional.ofNullable(graph);
  }

  /** Wall time the coordinator spent rebuilding secrets and removing masks, or −1 before unmasking. */
  public synchronized long unmaskNanos() {
    return unmaskNanos;
  }

  // ---------------------------------------------------------------- round 0

  @Override
  public synchronized CompletionStage<CohortSum> seal(ContributionBound bound) {
    if (stage != Stage.OPEN) {
      throw new IllegalStateException("cohort " + serial() + " is already sealing");
    }
    int n = members.size();
    try {
      graph = settings.graphFor(n);
      double maxFactor = members.stream().mapToDouble(m -> m.admission.factor()).max().orElse(1);
      double weightRange = maxFactor > 0 ? maxFactor : 1;
      double clip = bound.limit();
      double range = Double.isFinite(clip) ? clip : settings.valueRange() * weightRange;
      quantization = Quantization.forCohort(settings.modulus(), n, range, weightRange, clip);
    } catch (IllegalArgumentException e) {
      abandon("cannot run secure aggregation over this cohort: " + e.getMessage());
      return sealed;
    }
    neighbours = NeighbourGraph.random(n, graph.degree(), random);
    sum = new long[dimension + Quantization.EXTRA];
    stage = Stage.KEYS;
    for (Member m : members) {
      m.mailbox.send(o -> o.formed(new Rounds.CohortFormed(context, m.seat, n, neighbours.neighbours(m.seat),
          graph.threshold(), graph.minimumSurvivors(), m.admission.factor(), quantization, dimension)));
    }
    startStage();
    return sealed;
  }

  // ---------------------------------------------------------------- member messages

  synchronized void attach(int seat, MemberOutbox outbox) {
    members.get(seat).mailbox.attach(outbox);
  }

  synchronized void advertise(int seat, Rounds.AdvertisedKeys keys) {
    Member m = expect(seat, Stage.KEYS, m0 -> m0.keys == null, "advertise keys");
    if (m == null) {
      return;
    }
    Rounds.AdvertisedKeys k = keys.withSeat(seat, m.admission.client().value());
    if (signatures != null) {
      try {
        signatures.checkKeys(m.admission.client(), context, k);
      } catch (RuntimeException e) {
        reject(m, e);
        return;
      }
    }
    m.keys = k;
    advanceIfComplete();
  }

  synchronized void share(int seat, Rounds.ShareBundle bundle) {
    Member m = expect(seat, Stage.SHARES, m0 -> m0.keys != null && m0.bundle == null, "share keys");
    if (m == null) {
      return;
    }
    int[] expected = Arrays.stream(neighbours.neighbours(seat)).filter(v -> members.get(v).keys != null).toArray();
    int[] got = bundle.shares().stream().mapToInt(Rounds.EncryptedShares::to).sorted().toArray();
    boolean fromSelf = bundle.shares().stream().allMatch(e -> e.from() == seat);
    if (!fromSelf || !Arrays.equals(expected, got)) {
      reject(m, new IllegalArgumentException("a share bundle must hold one ciphertext for each neighbour that"
          + " advertised keys " + Arrays.toString(expected) + ", got " + Arrays.toString(got)));
      return;
    }
    m.bundle = List.copyOf(bundle.shares());
    advanceIfComplete();
  }

  synchronized void beginInput(int seat, byte[] sha256, byte[] signature) {
    Member m = expect(seat, Stage.INPUT, m0 -> m0.bundle != null && m0.upload == null, "send a masked input");
    if (m == null) {
      return;
    }
    if (signatures != null) {
      try {
        signatures.checkInput(m.admission.client(), claim(m, sha256), signature);
      } catch (RuntimeException e) {
        reject(m, e);
        return;
      }
    }
    m.inputDigest = sha256.clone();
    m.inputSignature = signature.clone();
    m.upload = new MaskedUpload(dimension + Quantization.EXTRA, settings.modulus());
  }

  synchronized void inputChunk(int seat, long offset, byte[] bytes) {
    Member m = expect(seat, Stage.INPUT, m0 -> m0.upload != null && !m0.inputComplete, "send masked values");
    if (m == null) {
      return;
    }
    try {
      m.upload.append(offset, bytes);
    } catch (IllegalArgumentException e) {
      reject(m, e);
      return;
    }
    if (!m.upload.isComplete()) {
      return;
    }
    if (!MessageDigest.isEqual(m.upload.sha256(), m.inputDigest)) {
      reject(m, new SignatureRejectedException(SignatureRejectedException.Reason.BAD_SIGNATURE, "the masked input's"
          + " SHA-256 differs from the one its header claims: altered in transit"));
      return;
    }
    m.upload.foldInto(sum);
    m.inputComplete = true;
    advanceIfComplete();
  }

  synchronized void reveal(int seat, Rounds.Reveal reveal) {
    Member m = expect(seat, Stage.REVEAL, m0 -> m0.inputComplete && m0.reveal == null, "reveal shares");
    if (m == null) {
      return;
    }
    for (Rounds.RevealedShare s : reveal.shares()) {
      Member owner = s.owner() >= 0 && s.owner() < members.size() ? members.get(s.owner()) : null;
      boolean valid = owner != null && neighbours.adjacent(seat, s.owner()) && owner.bundle != null
          && s.seed() == owner.inputComplete && s.share().x() == seat + 1;
      if (!valid) {
        reject(m, new IllegalArgumentException("a revealed share for seat " + s.owner() + " is not one this member"
            + " holds or not of the kind the survivors message asked for"));
        return;
      }
    }
    m.reveal = reveal;
    advanceIfComplete();
  }

  synchronized void disconnected(int seat) {
    Member m = members.get(seat);
    if (!m.connected) {
      return;
    }
    m.connected = false;
    m.mailbox.close();
    if (stage != Stage.OPEN) {
      advanceIfComplete();
    }
  }

  /** The member whose message this is, when the message is the one its stage expects; else it is rejected. */
  private Member expect(int seat, Stage s, Predicate<Member> ready, String what) {
    Member m = members.get(seat);
    if (!m.connected) {
      return null;
    }
    if (stage != s || !ready.test(m)) {
      reject(m, new IllegalStateException("cannot " + what + " now: cohort " + serial() + " is at stage "
          + stage.name().toLowerCase(Locale.ROOT)));
      return null;
    }
    return m;
  }

  private void reject(Member m, RuntimeException reason) {
    m.connected = false;
    m.mailbox.send(o -> o.reject(reason));
    m.mailbox.close();
    if (stage != Stage.OPEN) {
      advanceIfComplete();
    }
  }

  // ---------------------------------------------------------------- stages

  private void startStage() {
    if (deadline != null) {
      deadline.cancel(false);
    }
    Stage at = stage;
    deadline = executor.schedule(() -> expire(at), settings.stageTimeout().toNanos(), TimeUnit.NANOSECONDS);
    advanceIfComplete();
  }

  private synchronized void expire(Stage at) {
    if (stage != at) {
      return;
    }
    for (Member m : members) {
      if (m.connected && waitingOn(m)) {
        m.connected = false;
        m.mailbox.send(o -> o.reject(new IllegalStateException("round timed out after "
            + settings.stageTimeout().toMillis() + " ms; cohort " + serial() + " goes on without this member")));
        m.mailbox.close();
      }
    }
    advanceIfComplete();
  }

  /** Whether the current stage still waits for this member's message. */
  private boolean waitingOn(Member m) {
    return switch (stage) {
      case KEYS -> m.keys == null;
      case SHARES -> m.keys != null && m.bundle == null;
      case INPUT -> m.bundle != null && !m.inputComplete;
      case REVEAL -> m.inputComplete && m.reveal == null;
      default -> false;
    };
  }

  private void advanceIfComplete() {
    if (stage.compareTo(Stage.KEYS) < 0 || stage.compareTo(Stage.REVEAL) > 0
        || members.stream().anyMatch(m -> m.connected && waitingOn(m))) {
      return;
    }
    switch (stage) {
      case KEYS -> closeKeys();
      case SHARES -> closeShares();
      case INPUT -> closeInput();
      case REVEAL -> closeReveal();
      default -> throw new IllegalStateException("no round to close at stage " + stage);
    }
    if (stage.compareTo(Stage.REVEAL) <= 0) {
      startStage();
    }
  }

  private boolean enough(long count, String round) {
    if (count < graph.minimumSurvivors()) {
      abandon("only " + count + " of " + members.size() + " members " + round + ", the minimum is "
          + graph.minimumSurvivors());
      return false;
    }
    return true;
  }

  private void closeKeys() {
    if (!enough(members.stream().filter(m -> m.keys != null).count(), "advertised keys")) {
      return;
    }
    stage = Stage.SHARES;
    for (Member m : members) {
      if (m.keys == null) {
        continue;
      }
      List<Rounds.AdvertisedKeys> ks = new ArrayList<>();
      for (int v : neighbours.neighbours(m.seat)) {
        if (members.get(v).keys != null) {
          ks.add(members.get(v).keys);
        }
      }
      m.mailbox.send(o -> o.keys(new Rounds.NeighbourKeys(ks)));
    }
  }

  private void closeShares() {
    if (!enough(members.stream().filter(m -> m.bundle != null).count(), "shared keys")) {
      return;
    }
    stage = Stage.INPUT;
    for (Member m : members) {
      if (m.bundle == null) {
        continue;
      }
      List<Rounds.EncryptedShares> in = new ArrayList<>();
      for (int v : neighbours.neighbours(m.seat)) {
        List<Rounds.EncryptedShares> b = members.get(v).bundle;
        if (b != null) {
          b.stream().filter(e -> e.to() == m.seat).forEach(in::add);
        }
      }
      m.mailbox.send(o -> o.shares(new Rounds.IncomingShares(in)));
    }
  }

  private void closeInput() {
    long arrived = members.stream().filter(m -> m.inputComplete).count();
    for (Member m : members) {
      if (m.upload != null) {
        m.upload.release();
      }
    }
    if (!enough(arrived, "sent masked inputs")) {
      return;
    }
    stage = Stage.REVEAL;
    for (Member m : members) {
      if (!m.inputComplete) {
        continue;
      }
      int[] u2 = Arrays.stream(neighbours.neighbours(m.seat)).filter(v -> members.get(v).bundle != null).toArray();
      int[] survived = Arrays.stream(u2).filter(v -> members.get(v).inputComplete).toArray();
      int[] dropped = Arrays.stream(u2).filter(v -> !members.get(v).inputComplete).toArray();
      m.mailbox.send(o -> o.survivors(new Rounds.Survivors(survived, dropped, (int) arrived)));
    }
  }

  private void closeReveal() {
    stage = Stage.UNMASKING;
    if (deadline != null) {
      deadline.cancel(false);
    }
    executor.execute(this::unmask);
  }

  // ---------------------------------------------------------------- unmasking

  /** Rebuilds the needed secrets and removes every mask left in the sum (off the transport threads). */
  private void unmask() {
    long start = System.nanoTime();
    Unmasking u;
    synchronized (this) {
      u = new Unmasking(context, quantization.modulus(), graph.threshold(), sum);
      for (Member m : members) {
        if (m.inputComplete) {
          u.survivor(m.seat, m.keys);
        } else if (m.bundle != null) {
          u.dropped(m.seat, m.keys, Arrays.stream(neighbours.neighbours(m.seat))
              .filter(v -> members.get(v).inputComplete).toArray());
        }
        if (m.reveal != null) {
          m.reveal.shares().forEach(u::share);
        }
      }
    }
    Optional<String> failure = u.run();
    synchronized (this) {
      unmaskNanos = System.nanoTime() - start;
      if (failure.isPresent()) {
        abandon(failure.get());
        return;
      }
      Quantization.Decoded d = quantization.decode(u.sum());
      List<CohortSum.Member> in = new ArrayList<>();
      double factors = 0;
      long examples = 0;
      for (Member m : members) {
        if (m.inputComplete) {
          Admission a = m.admission;
          in.add(new CohortSum.Member(a.client(), a.factor(), a.staleness()));
          factors += Math.min(a.factor(), quantization.weightRange());
          examples += a.numExamples();
        }
      }
      double tolerance = in.size() * quantization.weightRange() / quantization.levels() + 1e-9 * Math.abs(factors);
      if (Math.abs(d.weightSum() - factors) > tolerance) {
        abandon("the weight coordinate sums to " + d.weightSum() + " but the members were assigned " + factors
            + ": a member applied another weight than its factor");
        return;
      }
      stage = Stage.DONE;
      CohortSum result = new CohortSum(d.sum(), List.copyOf(in), examples, (int) d.withinBound());
      executor.execute(() -> sealed.complete(result));
    }
  }

  private void abandon(String reason) {
    stage = Stage.DONE;
    if (deadline != null) {
      deadline.cancel(false);
    }
    executor.execute(() -> sealed.completeExceptionally(new CohortAbandonedException("cohort " + serial() + ": "
        + reason)));
  }

  // ---------------------------------------------------------------- conclusion

  @Override
  public synchronized void applied(ModelVersion version) {
    for (Member m : members) {
      if (m.inputComplete) {
        if (signatures != null) {
          signatures.applied(claim(m, m.inputDigest), m.inputSignature, version);
        }
        m.mailbox.send(o -> o.result(new Rounds.Result(Rounds.Outcome.APPLIED, version, "")));
      } else {
        m.mailbox.send(o -> o.result(new Rounds.Result(Rounds.Outcome.NOT_INCLUDED, version,
            "this member's masked input did not arrive in time; retry in a later cohort")));
      }
    }
    conclude();
  }

  @Override
  public synchronized void abandoned(String reason) {
    for (Member m : members) {
      m.mailbox.send(o -> o.result(new Rounds.Result(Rounds.Outcome.ABANDONED, null, reason)));
    }
    conclude();
  }

  @Override
  public synchronized void finished() {
    for (Member m : members) {
      m.mailbox.send(o -> o.result(new Rounds.Result(Rounds.Outcome.DISCARDED_FINISHED, null, "training finished")));
    }
    conclude();
  }

  private void conclude() {
    stage = Stage.DONE;
    if (deadline != null) {
      deadline.cancel(false);
    }
    for (Member m : members) {
      m.mailbox.close();
    }
    onDone.accept(this);
  }

  private UpdateClaim claim(Member m, byte[] sha256) {
    Admission a = m.admission;
    return new UpdateClaim(context.runId(), a.client().value(), a.updateId(), a.base(), a.assignmentId(),
        a.numExamples(), dimension, sha256, serial(), a.factor());
  }

  /** SHA-256, for the masked-input digests. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
