package io.dpforge.federated.secagg;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The server's last step (Bonawitz et al., CCS 2017, round 4): from the revealed shares it rebuilds each
 * survivor's self-mask seed b_u and each dropped member's mask key s_v (t shares each, checked against
 * what the member advertised), then
 * Σ_{u∈U3} x_u = Σ_{u∈U3} y_u − Σ_{u∈U3} PRG(b_u) − Σ_{v∈U2∖U3} Σ_{u∈N(v)∩U3} ±PRG(s_uv) mod 2^b.
 */
final class Unmasking {
  private final CohortContext context;
  private final Modulus modulus;
  private final int threshold;
  private final long[] sum;
  private final Map<Integer, Rounds.AdvertisedKeys> survivors = new LinkedHashMap<>();
  private final Map<Integer, Rounds.AdvertisedKeys> dropped = new LinkedHashMap<>();
  private final Map<Integer, int[]> survivingNeighbours = new LinkedHashMap<>();
  private final Map<Integer, Map<Integer, ShamirSharing.Share>> seedShares = new TreeMap<>();
  private final Map<Integer, Map<Integer, ShamirSharing.Share>> keyShares = new TreeMap<>();

  Unmasking(CohortContext context, Modulus modulus, int threshold, long[] maskedSum) {
    this.context = context;
    this.modulus = modulus;
    this.threshold = threshold;
    this.sum = maskedSum.clone();
  }

  void survivor(int seat, Rounds.AdvertisedKeys keys) {
    survivors.put(seat, keys);
  }

  void dropped(int seat, Rounds.AdvertisedKeys keys, int[] survivingNeighbourSeats) {
    dropped.put(seat, keys);
    survivingNeighbours.put(seat, survivingNeighbourSeats);
  }

  void share(Rounds.RevealedShare s) {
    (s.seed() ? seedShares : keyShares).computeIfAbsent(s.owner(), k -> new TreeMap<>()).put(s.share().x(), s.share());
  }

  /** Removes every mask; empty on success, else why the cohort cannot be unmasked. */
  Optional<String> run() {
    for (Map.Entry<Integer, Rounds.AdvertisedKeys> e : survivors.entrySet()) {
      int u = e.getKey();
      Optional<byte[]> seed = rebuild(seedShares.get(u));
      if (seed.isEmpty()) {
        return Optional.of("the self-mask seed of seat " + u + " has fewer than " + threshold + " revealed shares");
      }
      if (!MessageDigest.isEqual(SecAggKeys.seedCommitment(seed.get(), context, u), e.getValue().seedCommitment())) {
        return Optional.of("the shares of seat " + u + "'s self-mask seed do not match its commitment");
      }
      Masks.removeSelfMask(sum, seed.get(), context, u, modulus);
    }
    for (Map.Entry<Integer, Rounds.AdvertisedKeys> e : dropped.entrySet()) {
      int v = e.getKey();
      Optional<byte[]> key = rebuild(keyShares.get(v));
      if (key.isEmpty()) {
        return Optional.of("the mask key of dropped seat " + v + " has fewer than " + threshold + " revealed shares");
      }
      if (!Arrays.equals(SecAggKeys.publicKey(key.get()), e.getValue().maskKey())) {
        return Optional.of("the shares of dropped seat " + v + "'s mask key do not match its public key");
      }
      for (int u : survivingNeighbours.get(v)) {
        byte[] agreed = SecAggKeys.agree(key.get(), survivors.get(u).maskKey());
        Masks.removePairwiseMask(sum, agreed, context, u, v, modulus);
      }
    }
    return Optional.empty();
  }

  long[] sum() {
    return sum;
  }

  private Optional<byte[]> rebuild(Map<Integer, ShamirSharing.Share> byHolder) {
    if (byHolder == null || byHolder.size() < threshold) {
      return Optional.empty();
    }
    List<ShamirSharing.Share> shares = new ArrayList<>(byHolder.values());
    try {
      return Optional.of(ShamirSharing.reconstruct(shares, threshold));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
