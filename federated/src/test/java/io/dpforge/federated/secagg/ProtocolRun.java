package io.dpforge.federated.secagg;

import io.dpforge.federated.aggregate.Admission;
import io.dpforge.federated.aggregate.CohortSum;
import io.dpforge.federated.aggregate.ContributionBound;
import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.ModelVersion;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Test driver: one cohort's protocol between a real {@link SecAggCohort} and real {@link SecAggClient}s,
 * without a network, with chosen members dropping after chosen rounds. Randomness is seeded (NOT private:
 * tests only).
 */
final class ProtocolRun {
  /** After which message a member stops answering (or, for TAMPERED_INPUT, what arrives of its input). */
  enum Drop { NONE, BEFORE_KEYS, BEFORE_SHARES, BEFORE_INPUT, BEFORE_REVEAL, TAMPERED_INPUT }

  final SecureAggregation engine;
  final SecAggCohort cohort;
  final List<SecAggClient> clients = new ArrayList<>();
  final List<Recorder> outboxes = new ArrayList<>();
  final Map<Integer, byte[]> maskedBytes = new TreeMap<>();
  final Set<Integer> inputsSent = new HashSet<>();
  private final List<ClientId> ids = new ArrayList<>();

  /** Captures what the cohort sends one member. */
  static final class Recorder implements MemberOutbox {
    Rounds.CohortFormed formed;
    Rounds.NeighbourKeys keys;
    Rounds.IncomingShares shares;
    Rounds.Survivors survivors;
    Rounds.Result result;
    RuntimeException rejected;

    @Override
    public void formed(Rounds.CohortFormed m) {
      formed = m;
    }

    @Override
    public void keys(Rounds.NeighbourKeys m) {
      keys = m;
    }

    @Override
    public void shares(Rounds.IncomingShares m) {
      shares = m;
    }

    @Override
    public void survivors(Rounds.Survivors m) {
      survivors = m;
    }

    @Override
    public void result(Rounds.Result m) {
      result = m;
    }

    @Override
    public void reject(RuntimeException reason) {
      rejected = reason;
    }
  }

  ProtocolRun(SecAggSettings settings, int members, int dimension, long seed) {
    engine = SecureAggregation.builder(settings).random(seeded(seed)).build();
    cohort = engine.open("run-test", 7, dimension);
    List<ClientId> ids = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      ClientId id = new ClientId(String.format("c%03d", i));
      cohort.admit(new Admission(id, "u" + i, new ModelVersion(0, 0), "", 1.0, 0, 10));
      ids.add(id);
    }
    attach(ids, seed);
  }

  /** Plays the members of a cohort the coordinator admitted them to (seats in the order of {@code ids}). */
  ProtocolRun(SecureAggregation engine, SecAggCohort cohort, List<ClientId> ids, long seed) {
    this.engine = engine;
    this.cohort = cohort;
    attach(ids, seed);
  }

  private void attach(List<ClientId> members, long seed) {
    for (int i = 0; i < members.size(); i++) {
      ClientId id = members.get(i);
      ids.add(id);
      Recorder r = new Recorder();
      cohort.member(id).orElseThrow().attach(r);
      outboxes.add(r);
      clients.add(new SecAggClient(id.value(), seeded(seed * 1000 + i), null, null));
    }
  }

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs every round with the given updates; {@code drops[i]} says where member i stops.
   *
   * @return the cohort's outcome
   */
  CompletionStage<CohortSum> run(List<float[]> updates, Drop[] drops, ContributionBound bound) {
    CompletionStage<CohortSum> sealed = cohort.seal(bound);
    play(updates, drops);
    return sealed;
  }

  /** The members' side of every round, once the cohort is sealing. */
  void play(List<float[]> updates, Drop[] drops) {
    for (int i = 0; i < clients.size(); i++) {
      if (drops[i] == Drop.BEFORE_KEYS) {
        member(i).disconnected();
      } else if (outboxes.get(i).formed != null) {
        member(i).advertise(clients.get(i).advertise(outboxes.get(i).formed));
      }
    }
    for (int i = 0; i < clients.size(); i++) {
      Recorder r = outboxes.get(i);
      if (drops[i] == Drop.BEFORE_SHARES) {
        member(i).disconnected();
      } else if (r.keys != null && r.rejected == null) {
        member(i).share(clients.get(i).shareKeys(r.keys));
      }
    }
    for (int i = 0; i < clients.size(); i++) {
      Recorder r = outboxes.get(i);
      if (drops[i] == Drop.BEFORE_INPUT) {
        member(i).disconnected();
      } else if (r.shares != null && r.rejected == null) {
        clients.get(i).receiveShares(r.shares);
        long[] y = clients.get(i).maskedInput(updates.get(i), new SplittableRandom(100 + i));
        byte[] bytes = r.formed.quantization().modulus().encode(y, 0, y.length);
        maskedBytes.put(i, bytes);
        member(i).beginInput(sha256(bytes), new byte[0]);
        if (drops[i] == Drop.TAMPERED_INPUT) {
          bytes[bytes.length / 2] ^= 1; // altered after the digest was taken
          member(i).inputChunk(0, bytes);
          continue;
        }
        member(i).inputChunk(0, bytes);
        inputsSent.add(i);
      }
    }
    for (int i = 0; i < clients.size(); i++) {
      Recorder r = outboxes.get(i);
      if (drops[i] == Drop.BEFORE_REVEAL) {
        member(i).disconnected();
      } else if (r.survivors != null && r.rejected == null) {
        member(i).reveal(clients.get(i).reveal(r.survivors));
      }
    }
  }

  CohortMember member(int i) {
    return cohort.member(ids.get(i)).orElseThrow();
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
