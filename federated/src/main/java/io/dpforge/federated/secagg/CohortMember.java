package io.dpforge.federated.secagg;

/**
 * The transport's handle on one member's seat in a cohort: it attaches the member's stream and passes
 * on what the member sends. Messages out of turn get the member rejected from the cohort.
 */
public final class CohortMember {
  private final SecAggCohort cohort;
  private final int seat;

  CohortMember(SecAggCohort cohort, int seat) {
    this.cohort = cohort;
    this.seat = seat;
  }

  public int seat() {
    return seat;
  }

  public SecAggCohort cohort() {
    return cohort;
  }

  /** Where this member's messages go; those sent before are delivered now. */
  public void attach(MemberOutbox outbox) {
    cohort.attach(seat, outbox);
  }

  public void advertise(Rounds.AdvertisedKeys keys) {
    cohort.advertise(seat, keys);
  }

  public void share(Rounds.ShareBundle bundle) {
    cohort.share(seat, bundle);
  }

  /** Starts the masked input: its SHA-256 and the member's signature over the claim that names it. */
  public void beginInput(byte[] sha256, byte[] signature) {
    cohort.beginInput(seat, sha256, signature);
  }

  /** Masked values (b/8 little-endian bytes each) starting at value {@code offset}. */
  public void inputChunk(long offset, byte[] bytes) {
    cohort.inputChunk(seat, offset, bytes);
  }

  public void reveal(Rounds.Reveal reveal) {
    cohort.reveal(seat, reveal);
  }

  /** The member's stream ended or broke: it is a dropout from the round in progress on. */
  public void disconnected() {
    cohort.disconnected(seat);
  }
}
