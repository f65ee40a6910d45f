package io.dpforge.federated.secagg;

import io.dpforge.federated.security.SigningKey;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One member's side of a cohort's secure aggregation (SecAgg+, Bell et al. CCS 2020, over the rounds of
 * Bonawitz et al. CCS 2017; see {@link Rounds}). Transport-free: the client library feeds it the
 * coordinator's messages and sends what it returns. One instance serves one cohort; every secret (the two
 * X25519 keys, the self-mask seed) is drawn fresh from {@link SecureRandom} for it.
 *
 * <p>Rules that keep the member's input hidden even from a curious coordinator: it reveals, for each
 * neighbour, a share of the seed or a share of the mask key but never both; it reveals nothing when fewer
 * than the cohort's minimum of masked inputs arrived (the "sum" would be too few updates); with a
 * {@link KeyVerification}, it refuses neighbour keys that the named neighbour did not sign.
 */
public final class SecAggClient {
  private static final int SHARE_BYTES = 4 + 4 + 4 + 2 * ShamirSharing.WORDS * 8;

  private final String name;
  private final SecureRandom random;
  private final SigningKey signing;
  private final KeyVerification verification;

  private Rounds.CohortFormed cohort;
  private byte[] cipherSecret;
  private byte[] maskSecret;
  private byte[] seed;
  private final Map<Integer, Rounds.AdvertisedKeys> keys = new HashMap<>();
  private final Map<Integer, ShamirSharing.Share[]> held = new TreeMap<>();
  private int[] maskedWith;
  private long[] quantised;
  private boolean revealed;

  /**
   * @param name this client's name (its certificate's common name under mutual TLS)
   * @param signing signs the advertised keys (null: unsigned, for runs without certificates)
   * @param verification checks neighbours' keys (null: trusts the coordinator to relay them unchanged)
   */
  public SecAggClient(String name, SecureRandom random, SigningKey signing, KeyVerification verification) {
    this.name = Objects.requireNonNull(name);
    this.random = Objects.requireNonNull(random);
    this.signing = signing;
    this.verification = verification;
  }

  /** Round 0 → 1: takes the seat and returns this member's keys. */
  public Rounds.AdvertisedKeys advertise(Rounds.CohortFormed formed) {
    if (cohort != null) {
      throw new IllegalStateException("this client already holds a seat in cohort " + cohort.context().cohort());
    }
    cohort = formed;
    cipherSecret = SecAggKeys.newPrivateKey(random);
    maskSecret = SecAggKeys.newPrivateKey(random);
    seed = new byte[ShamirSharing.SECRET_BYTES];
    random.nextBytes(seed);
    Rounds.AdvertisedKeys unsigned = new Rounds.AdvertisedKeys(formed.member(), name,
        SecAggKeys.publicKey(cipherSecret), SecAggKeys.publicKey(maskSecret),
        SecAggKeys.seedCommitment(seed, formed.context(), formed.member()), new byte[0], new byte[0]);
    if (signing == null) {
      return unsigned;
    }
    return new Rounds.AdvertisedKeys(unsigned.member(), name, unsigned.cipherKey(), unsigned.maskKey(),
        unsigned.seedCommitment(), signing.sign(unsigned.statement(formed.context())), signing.certificateDer());
  }

  /**
   * Round 1 → 2: checks the neighbours' keys and Shamir-shares the mask key and the seed among them, one
   * encrypted bundle per neighbour.
   *
   * @throws IllegalStateException when fewer neighbours than the threshold advertised (the cohort cannot
   *     complete) or a relayed key fails verification
   */
  public Rounds.ShareBundle shareKeys(Rounds.NeighbourKeys neighbourKeys) {
    requireStage(cipherSecret != null && keys.isEmpty() && maskedWith == null, "share keys");
    for (Rounds.AdvertisedKeys k : neighbourKeys.neighbours()) {
      if (Arrays.binarySearch(cohort.neighbours(), k.member()) < 0) {
        throw new IllegalStateException("the coordinator relayed keys of seat " + k.member()
            + ", which is not a neighbour of seat " + cohort.member());
      }
      if (verification != null) {
        verification.check(cohort.context(), k);
      }
      keys.put(k.member(), k);
    }
    int[] holders = keys.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    if (holders.length < cohort.threshold()) {
      throw new IllegalStateException("only " + holders.length + " neighbours advertised keys, the threshold is "
          + cohort.threshold());
    }
    int[] xs = new int[holders.length];
    for (int i = 0; i < holders.length; i++) {
      xs[i] = holders[i] + 1;
    }
    ShamirSharing.Share[] maskKeyShares = ShamirSharing.split(maskSecret, cohort.threshold(), xs, random);
    ShamirSharing.Share[] seedShares = ShamirSharing.split(seed, cohort.threshold(), xs, random);
    List<Rounds.EncryptedShares> out = new ArrayList<>(holders.length);
    for (int i = 0; i < holders.length; i++) {
      int to = holders[i];
      byte[] key = SecAggKeys.channelKey(SecAggKeys.agree(cipherSecret, keys.get(to).cipherKey()), cohort.context(),
          cohort.member(), to);
      byte[] plain = encodeShares(cohort.member(), to, maskKeyShares[i], seedShares[i]);
      out.add(new Rounds.EncryptedShares(cohort.member(), to,
          ShareEnvelope.seal(key, cohort.context(), cohort.member(), to, plain)));
    }
    return new Rounds.ShareBundle(out);
  }

  /**
   * Round 2 → 3: opens the shares neighbours sent; those neighbours (its U2 neighbours) are the ones it
   * masks with.
   *
   * @throws IllegalArgumentException when a ciphertext does not authenticate
   */
  public void receiveShares(Rounds.IncomingShares incoming) {
    requireStage(!keys.isEmpty() && maskedWith == null, "receive shares");
    for (Rounds.EncryptedShares e : incoming.shares()) {
      Rounds.AdvertisedKeys from = keys.get(e.from());
      if (from == null || e.to() != cohort.member()) {
        throw new IllegalArgumentException("shares from seat " + e.from() + " to seat " + e.to()
            + " were not meant for seat " + cohort.member());
      }
      byte[] key = SecAggKeys.channelKey(SecAggKeys.agree(cipherSecret, from.cipherKey()), cohort.context(),
          e.from(), cohort.member());
      held.put(e.from(), decodeShares(ShareEnvelope.open(key, cohort.context(), e.from(), cohort.member(),
          e.ciphertext()), e.from(), cohort.member()));
    }
    maskedWith = held.keySet().stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Round 3: the masked input y = q(ω·Δ) + PRG(b) ± Σ_{v ∈ U2 neighbours} PRG(s_uv) mod 2^b.
   *
   * @param rounding randomness of the stochastic rounding (not secret)
   */
  public long[] maskedInput(float[] delta, SplittableRandom rounding) {
    requireStage(maskedWith != null && quantised == null, "mask the input");
    if (delta.length != cohort.dimension()) {
      throw new IllegalArgumentException("the update has " + delta.length + " values, the cohort "
          + cohort.dimension());
    }
    Modulus m = cohort.quantization().modulus();
    quantised = cohort.quantization().encode(delta, cohort.factor(), rounding);
    long[] y = quantised.clone();
    Masks.addSelfMask(y, seed, cohort.context(), cohort.member(), m);
    for (int v : maskedWith) {
      byte[] agreed = SecAggKeys.agree(maskSecret, keys.get(v).maskKey());
      Masks.addPairwiseMask(y, agreed, cohort.context(), cohort.member(), v, m);
    }
    return y;
  }

  /**
   * Round 4: for each U2 neighbour, a share of its seed when it survived or of its mask key when it
   * dropped.
   *
   * @throws IllegalStateException when too few masked inputs arrived or the survivors do not partition
   *     this member's U2 neighbours
   */
  public Rounds.Reveal reveal(Rounds.Survivors s) {
    requireStage(quantised != null && !revealed, "reveal shares");
    if (s.total() < cohort.minimumSurvivors()) {
      throw new IllegalStateException("only " + s.total() + " masked inputs arrived, fewer than the cohort's minimum "
          + cohort.minimumSurvivors() + ": revealing would expose too small a sum");
    }
    int[] all = new int[s.survivors().length + s.dropped().length];
    System.arraycopy(s.survivors(), 0, all, 0, s.survivors().length);
    System.arraycopy(s.dropped(), 0, all, s.survivors().length, s.dropped().length);
    Arrays.sort(all);
    if (!Arrays.equals(all, maskedWith)) {
      throw new IllegalStateException("the survivors message does not split this member's neighbours "
          + Arrays.toString(maskedWith) + " into survivors and dropped");
    }
    revealed = true;
    List<Rounds.RevealedShare> out = new ArrayList<>(all.length);
    for (int v : s.survivors()) {
      out.add(new Rounds.RevealedShare(v, true, held.get(v)[1]));
    }
    for (int v : s.dropped()) {
      out.add(new Rounds.RevealedShare(v, false, held.get(v)[0]));
    }
    return new Rounds.Reveal(out);
  }

  /** The seat, once the cohort formed. */
  public Rounds.CohortFormed cohort() {
    return cohort;
  }

  /** The quantised (unmasked) input, for checking sums in tests; null before round 3. */
  public long[] quantisedInput() {
    return quantised == null ? null : quantised.clone();
  }

  private void requireStage(boolean ok, String what) {
    if (cohort == null || !ok) {
      throw new IllegalStateException("cannot " + what + " at this point of the protocol");
    }
  }

  private static byte[] encodeShares(int owner, int holder, ShamirSharing.Share maskKey, ShamirSharing.Share seed) {
    ByteBuffer b = ByteBuffer.allocate(SHARE_BYTES);
    b.putInt(owner).putInt(holder).putInt(maskKey.x());
    for (long w : maskKey.y()) {
      b.putLong(w);
    }
    for (long w : seed.y()) {
      b.putLong(w);
    }
    return b.array();
  }

  /** [0]: share of the owner's mask key, [1]: share of its seed. */
  private static ShamirSharing.Share[] decodeShares(byte[] plain, int owner, int holder) {
    if (plain.length != SHARE_BYTES) {
      throw new IllegalArgumentException("a share bundle has " + SHARE_BYTES + " bytes, got " + plain.length);
    }
    ByteBuffer b = ByteBuffer.wrap(plain);
    if (b.getInt() != owner || b.getInt() != holder) {
      throw new IllegalArgumentException("a share bundle names other seats than its envelope");
    }
    int x = b.getInt();
    if (x != holder + 1) {
      throw new IllegalArgumentException("a share bundle for seat " + holder + " is evaluated at " + x);
    }
    long[] k = new long[ShamirSharing.WORDS];
    long[] s = new long[ShamirSharing.WORDS];
    for (int i = 0; i < k.length; i++) {
      k[i] = b.getLong();
    }
    for (int i = 0; i < s.length; i++) {
      s[i] = b.getLong();
    }
    return new ShamirSharing.Share[] {new ShamirSharing.Share(x, k), new ShamirSharing.Share(x, s)};
  }
}
