package io.dpforge.federated.wire;

import com.google.protobuf.ByteString;
import io.dpforge.federated.proto.v1.SecAggCohortFormed;
import io.dpforge.federated.proto.v1.SecAggEncryptedShares;
import io.dpforge.federated.proto.v1.SecAggKeys;
import io.dpforge.federated.proto.v1.SecAggNeighbourKeys;
import io.dpforge.federated.proto.v1.SecAggNeighbourKeysList;
import io.dpforge.federated.proto.v1.SecAggOutcome;
import io.dpforge.federated.proto.v1.SecAggResult;
import io.dpforge.federated.proto.v1.SecAggReveal;
import io.dpforge.federated.proto.v1.SecAggRevealedShare;
import io.dpforge.federated.proto.v1.SecAggShareBundle;
import io.dpforge.federated.proto.v1.SecAggSurvivors;
import io.dpforge.federated.secagg.CohortContext;
import io.dpforge.federated.secagg.Modulus;
import io.dpforge.federated.secagg.Quantization;
import io.dpforge.federated.secagg.Rounds;
import io.dpforge.federated.secagg.ShamirSharing;
import java.util.ArrayList;
import java.util.List;

/** Translates the secure-aggregation rounds ({@link Rounds}) to and from the v1 wire messages. */
public final class SecAggWire {
  private SecAggWire() {}

  public static SecAggCohortFormed toProto(Rounds.CohortFormed f) {
    SecAggCohortFormed.Builder b = SecAggCohortFormed.newBuilder()
        .setCohort(f.context().cohort()).setMember(f.member()).setMembers(f.members())
        .setThreshold(f.threshold()).setMinimumSurvivors(f.minimumSurvivors()).setFactor(f.factor())
        .setModulusBits(f.quantization().modulus().bits()).setLevelBits(f.quantization().levelBits())
        .setValueRange(f.quantization().valueRange()).setWeightRange(f.quantization().weightRange())
        .setClipNorm(Double.isFinite(f.quantization().clipNorm()) ? f.quantization().clipNorm() : 0)
        .setDimension(f.dimension());
    for (int v : f.neighbours()) {
      b.addNeighbours(v);
    }
    return b.build();
  }

  /**
   * @throws IllegalArgumentException when the parameters are out of range
   */
  public static Rounds.CohortFormed fromProto(SecAggCohortFormed p, String runId) {
    Quantization q = new Quantization(new Modulus(p.getModulusBits()), p.getLevelBits(), p.getValueRange(),
        p.getWeightRange(), p.getClipNorm() > 0 ? p.getClipNorm() : Double.POSITIVE_INFINITY);
    return new Rounds.CohortFormed(new CohortContext(runId, p.getCohort()), p.getMember(), p.getMembers(),
        p.getNeighboursList().stream().mapToInt(Integer::intValue).toArray(), p.getThreshold(),
        p.getMinimumSurvivors(), p.getFactor(), q, Math.toIntExact(p.getDimension()));
  }

  public static SecAggKeys toProto(Rounds.AdvertisedKeys k) {
    return SecAggKeys.newBuilder().setCipherKey(ByteString.copyFrom(k.cipherKey()))
        .setMaskKey(ByteString.copyFrom(k.maskKey())).setSeedCommitment(ByteString.copyFrom(k.seedCommitment()))
        .setSignature(ByteString.copyFrom(k.signature()))
        .setSigningCertificate(ByteString.copyFrom(k.signingCertificate())).build();
  }

  /** A member's own keys (its seat and name are the server's to fill in). */
  public static Rounds.AdvertisedKeys fromProto(SecAggKeys k, int member, String client) {
    return new Rounds.AdvertisedKeys(member, client, k.getCipherKey().toByteArray(), k.getMaskKey().toByteArray(),
        k.getSeedCommitment().toByteArray(), k.getSignature().toByteArray(), k.getSigningCertificate().toByteArray());
  }

  public static SecAggNeighbourKeysList toProto(Rounds.NeighbourKeys n) {
    SecAggNeighbourKeysList.Builder b = SecAggNeighbourKeysList.newBuilder();
    for (Rounds.AdvertisedKeys k : n.neighbours()) {
      b.addNeighbours(SecAggNeighbourKeys.newBuilder().setMember(k.member()).setClientId(k.client()).setKeys(toProto(k)));
    }
    return b.build();
  }

  public static Rounds.NeighbourKeys fromProto(SecAggNeighbourKeysList p) {
    List<Rounds.AdvertisedKeys> out = new ArrayList<>(p.getNeighboursCount());
    for (SecAggNeighbourKeys n : p.getNeighboursList()) {
      out.add(fromProto(n.getKeys(), n.getMember(), n.getClientId()));
    }
    return new Rounds.NeighbourKeys(out);
  }

  public static SecAggShareBundle toProto(List<Rounds.EncryptedShares> shares) {
    SecAggShareBundle.Builder b = SecAggShareBundle.newBuilder();
    for (Rounds.EncryptedShares e : shares) {
      b.addShares(SecAggEncryptedShares.newBuilder().setFrom(e.from()).setTo(e.to())
          .setCiphertext(ByteString.copyFrom(e.ciphertext())));
    }
    return b.build();
  }

  public static List<Rounds.EncryptedShares> fromProto(SecAggShareBundle p) {
    List<Rounds.EncryptedShares> out = new ArrayList<>(p.getSharesCount());
    for (SecAggEncryptedShares e : p.getSharesList()) {
      out.add(new Rounds.EncryptedShares(e.getFrom(), e.getTo(), e.getCiphertext().toByteArray()));
    }
    return out;
  }

  public static SecAggSurvivors toProto(Rounds.Survivors s) {
    SecAggSurvivors.Builder b = SecAggSurvivors.newBuilder().setTotal(s.total());
    for (int v : s.survivors()) {
      b.addSurvivors(v);
    }
    for (int v : s.dropped()) {
      b.addDropped(v);
    }
    return b.build();
  }

  public static Rounds.Survivors fromProto(SecAggSurvivors p) {
    return new Rounds.Survivors(p.getSurvivorsList().stream().mapToInt(Integer::intValue).toArray(),
        p.getDroppedList().stream().mapToInt(Integer::intValue).toArray(), p.getTotal());
  }

  public static SecAggReveal toProto(Rounds.Reveal r) {
    SecAggReveal.Builder b = SecAggReveal.newBuilder();
    for (Rounds.RevealedShare s : r.shares()) {
      SecAggRevealedShare.Builder e = SecAggRevealedShare.newBuilder().setOwner(s.owner()).setSeed(s.seed())
          .setX(s.share().x());
      for (long w : s.share().y()) {
        e.addWords(w);
      }
      b.addShares(e);
    }
    return b.build();
  }

  /**
   * @throws IllegalArgumentException for a share outside the field
   */
  public static Rounds.Reveal fromProto(SecAggReveal p) {
    List<Rounds.RevealedShare> out = new ArrayList<>(p.getSharesCount());
    for (SecAggRevealedShare s : p.getSharesList()) {
      long[] y = s.getWordsList().stream().mapToLong(Long::longValue).toArray();
      out.add(new Rounds.RevealedShare(s.getOwner(), s.getSeed(), new ShamirSharing.Share(s.getX(), y)));
    }
    return new Rounds.Reveal(out);
  }

  public static SecAggResult toProto(Rounds.Result r) {
    SecAggResult.Builder b = SecAggResult.newBuilder().setReason(r.reason()).setOutcome(switch (r.outcome()) {
      case APPLIED -> SecAggOutcome.SEC_AGG_OUTCOME_APPLIED;
      case NOT_INCLUDED -> SecAggOutcome.SEC_AGG_OUTCOME_NOT_INCLUDED;
      case ABANDONED -> SecAggOutcome.SEC_AGG_OUTCOME_ABANDONED;
      case DISCARDED_FINISHED -> SecAggOutcome.SEC_AGG_OUTCOME_DISCARDED_FINISHED;
    });
    if (r.version() != null) {
      b.setVersion(Versions.toProto(r.version()));
    }
    return b.build();
  }
}
