package io.dpforge.federated.secagg;

import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.security.Statement;
import java.util.List;
import java.util.Objects;

/**
 * The messages of one cohort's secure aggregation, round by round (Bonawitz et al., CCS 2017, Fig. 4;
 * Bell et al., CCS 2020, SecAgg+), as domain types: the gRPC service and the client library translate
 * them to and from the wire, and tests drive the protocol with them directly.
 *
 * <pre>
 * round 0  server → member   CohortFormed     seat, neighbours, threshold, weight factor, quantisation
 * round 1  member → server   AdvertisedKeys   X25519 keys for shares and masks, signed
 *          server → member   NeighbourKeys    the keys of neighbours who advertised (U1)
 * round 2  member → server   ShareBundle      Shamir shares of its mask key and self-mask seed, encrypted per neighbour
 *          server → member   IncomingShares   ciphertexts from neighbours who shared (U2)
 * round 3  member → server   masked input     y = x + PRG(b) ± Σ PRG(s_uv) mod 2^b, with its signed digest
 *          server → member   Survivors        which neighbours' masked inputs arrived (U3)
 * round 4  member → server   Reveal           shares of survivors' seeds and of dropped neighbours' mask keys
 *          server → member   Result           applied to a version, or abandoned (retry in a later cohort)
 * </pre>
 */
public final class Rounds {
  private Rounds() {}

  /**
   * Round 0: the cohort's membership is fixed.
   *
   * @param member this client's seat, 0..members−1
   * @param neighbours the seats it shares masks and secrets with (sorted)
   * @param threshold t: shares needed to rebuild a secret
   * @param minimumSurvivors the fewest masked inputs the server may unmask
   * @param factor the weight ω_i to multiply in before masking
   * @param dimension d (the masked vector has d + {@link Quantization#EXTRA} values)
   */
  public record CohortFormed(CohortContext context, int member, int members, int[] neighbours, int threshold,
      int minimumSurvivors, double factor, Quantization quantization, int dimension) {
    public CohortFormed {
      Objects.requireNonNull(context);
      Objects.requireNonNull(quantization);
      if (member < 0 || member >= members) {
        throw new IllegalArgumentException("seat " + member + " outside 0.." + (members - 1));
      }
    }
  }

  /**
   * Round 1: a member's public keys, signed so that peers can tell the coordinator relayed them unchanged.
   *
   * @param cipherKey X25519 key for the channels that carry shares
   * @param maskKey X25519 key for the pairwise masks
   * @param seedCommitment SHA-256 commitment to the self-mask seed
   * @param signature Ed25519 over {@link #statement} (empty when signatures are off)
   * @param signingCertificate DER certificate of the signing key (empty when signatures are off)
   */
  public record AdvertisedKeys(int member, String client, byte[] cipherKey, byte[] maskKey, byte[] seedCommitment,
      byte[] signature, byte[] signingCertificate) {
    public Statement statement(CohortContext context) {
      return Statement.of("dpforge/secagg/v1/keys").text(context.runId()).u64(context.cohort()).u64(member)
          .text(client).bytes(cipherKey).bytes(maskKey).bytes(seedCommitment);
    }

    public AdvertisedKeys withSeat(int seat, String name) {
      return new AdvertisedKeys(seat, name, cipherKey, maskKey, seedCommitment, signature, signingCertificate);
    }
  }

  /** Round 1, answer: the keys of the member's neighbours that advertised. */
  public record NeighbourKeys(List<AdvertisedKeys> neighbours) {}

  /** An encrypted bundle of shares from one member for another. */
  public record EncryptedShares(int from, int to, byte[] ciphertext) {}

  /** Round 2: one ciphertext per neighbour that advertised. */
  public record ShareBundle(List<EncryptedShares> shares) {}

  /** Round 2, answer: the ciphertexts addressed to this member by neighbours that shared (its U2 neighbours). */
  public record IncomingShares(List<EncryptedShares> shares) {}

  /**
   * Round 3, answer: the member's U2 neighbours split into those whose masked input arrived and those
   * whose did not.
   *
   * @param total |U3| over the whole cohort
   */
  public record Survivors(int[] survivors, int[] dropped, int total) {}

  /**
   * One revealed share.
   *
   * @param owner whose secret it is
   * @param seed true: a share of the owner's self-mask seed b (the owner survived); false: a share of its
   *     mask key s (the owner dropped)
   */
  public record RevealedShare(int owner, boolean seed, ShamirSharing.Share share) {}

  /** Round 4: the member's shares of its neighbours' secrets, per the survivors message. */
  public record Reveal(List<RevealedShare> shares) {}

  /** How a member's cohort ended for it. */
  public enum Outcome {
    /** Its masked input is in the sum applied to {@link Result#version()}. */
    APPLIED,
    /** Its masked input did not arrive in time; the cohort went on without it. Retry in a later cohort. */
    NOT_INCLUDED,
    /** Too many members dropped: nothing of the cohort was applied. Retry in a later cohort. */
    ABANDONED,
    /** Training finished before the cohort could be applied. */
    DISCARDED_FINISHED
  }

  /** The end of a member's cohort. */
  public record Result(Outcome outcome, ModelVersion version, String reason) {}
}
