package io.dpforge.federated.dp;

import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.accounting.Zcdp;
import io.dpforge.dp.ledger.BudgetExceededException;
import io.dpforge.dp.ledger.Charge;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.noise.GaussianMechanism;
import io.dpforge.dp.random.Randomness;
import io.dpforge.federated.aggregate.AggregateRelease;
import io.dpforge.federated.aggregate.CohortSum;
import io.dpforge.federated.aggregate.ContributionBound;
import io.dpforge.federated.aggregate.PrivacySummary;
import io.dpforge.federated.core.ClientId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * User-level central DP for the coordinator (DP-FedAvg, McMahan et al. ICLR 2018, without its client
 * sampling): each client's weighted update ω_iΔ_i is clipped to L2 norm C as it enters a cohort, and
 * Gaussian noise N(0, (zC)²I) is added to the cohort's sum before the server step.
 *
 * <p><b>What is composed (participation-bounded accounting, research brief federated.md §5.4 items 1-2).</b>
 * Asynchronous cohorts are formed by device speed, not by random sampling, so no amplification by
 * sampling is claimed. Neighbouring runs differ in one client's data, with that client's contributions
 * replaced by zero vectors ("zero-out", Kairouz et al., "Practical and Private (Deep) Learning without
 * Sampling or Shuffling", ICML 2021, §2); which client lands in which cohort is treated as public
 * (it depends on timing, not on data), and so are the aggregation weights computed from it. Then:
 * <ol>
 *   <li>A client is in at most one contribution per cohort (the coordinator enforces it), clipped to C,
 *       so each released cohort sum is a Gaussian mechanism of L2 sensitivity C and noise zC:
 *       ρ = 1/(2z²)-zCDP (Bun and Steinke, TCC 2016, Proposition 1.6).</li>
 *   <li>A client contributes to at most k released aggregates (the coordinator refuses its updates once
 *       it has), so by composition (BS16 Lemma 2.3) every client's data is kρ-zCDP.</li>
 *   <li>The ledger records the guarantee of the most-participating client: one Gaussian charge of ρ each
 *       time the largest participation count rises, so it holds exactly max_i k_i charges, and refuses
 *       the charge that would exceed the budget, which ends training cleanly (nothing more is released).</li>
 *   <li>(ε, δ) follows from the ledger's conversion of the composed Gaussian curve.</li>
 * </ol>
 * With {@link AdaptiveClipping} the count of unclipped contributions is released too, and the sum's
 * multiplier is raised to z_Δ so that the pair costs ρ = 1/(2z²) (Andrew et al. 2021, Theorem 1).
 *
 * <p>Noise comes from dp-core's exact Gaussian mechanism over {@link Randomness}; with
 * {@link Randomness#seededNotPrivate} every status and result is labelled not private.
 */
public final class CentralDp implements AggregateRelease {
  private final PrivacyLedger ledger;
  private final Randomness randomness;
  private final double noiseMultiplier;
  private final double sumNoiseMultiplier;
  private final AdaptiveClipping adaptive;
  private final int maxParticipations;
  private final double delta;
  private final ParticipationCounts counts;
  private volatile double clip;

  private CentralDp(Builder b) {
    this.ledger = Objects.requireNonNull(b.ledger, "a privacy ledger is required");
    this.randomness = Objects.requireNonNull(b.randomness, "the noise source must be named: Randomness.secure()"
        + " or Randomness.seededNotPrivate(seed)");
    if (!(b.clip > 0) || !(b.noiseMultiplier > 0)) {
      throw new IllegalArgumentException("central DP needs a clip norm C > 0 and a noise multiplier z > 0, got "
          + b.clip + " and " + b.noiseMultiplier);
    }
    this.clip = b.clip;
    this.noiseMultiplier = b.noiseMultiplier;
    this.adaptive = b.adaptive;
    this.sumNoiseMultiplier = adaptive == null ? noiseMultiplier : adaptive.sumNoiseMultiplier(noiseMultiplier);
    this.delta = b.delta;
    this.counts = new ParticipationCounts(b.participationFile);
    this.maxParticipations = counts.max() + furtherCharges(ledger, noiseMultiplier);
    if (maxParticipations < 1) {
      throw new IllegalArgumentException("the privacy budget " + ledger.budget().limit() + " " + ledger.budget().unit()
          + " does not cover one aggregate at noise multiplier z = " + noiseMultiplier);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** ρ of one released aggregate: 1/(2z²). */
  public static double rhoPerAggregate(double noiseMultiplier) {
    return Zcdp.gaussianRho(1.0, noiseMultiplier);
  }

  /**
   * The noise multiplier z for which k participations spend exactly an (ε, δ) budget: kρ = ρ(ε, δ) with
   * ρ(ε, δ) the largest ρ whose conversion is at most ε (Canonne, Kamath and Steinke 2020, Corollary 13).
   */
  public static double noiseMultiplierFor(double epsilon, double delta, int participations) {
    double rhoTotal = Zcdp.rhoFor(epsilon, delta);
    return Zcdp.gaussianSigma(1.0, rhoTotal / participations);
  }

  /** How many more aggregates at multiplier z fit in what the ledger has left (doubling, then bisection). */
  private static int furtherCharges(PrivacyLedger ledger, double z) {
    double rho = rhoPerAggregate(z);
    double spent = ledger.totalCost().rho();
    java.util.function.IntPredicate fits = k ->
        ledger.budget().allows(ledger.budget().spent(RdpCurve.gaussianWithRho(spent + k * rho)));
    if (!fits.test(1)) {
      return 0;
    }
    int lo = 1;
    int hi = 2;
    while (hi < (1 << 24) && fits.test(hi)) {
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (fits.test(mid)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public Optional<double[]> release(CohortSum sum) {
    List<ClientId> members = new ArrayList<>(sum.size());
    int newMax = counts.max();
    for (CohortSum.Member m : sum.members()) {
      members.add(m.client());
      newMax = Math.max(newMax, counts.of(m.client()) + 1);
    }
    double c = clip;
    try {
      for (int level = counts.max() + 1; level <= newMax; level++) {
        ledger.charge(Charge.gaussian(String.format("federated aggregate of %d clients (clip %.4g), participation"
            + " level %d", sum.size(), c, level), 1.0, noiseMultiplier).using(randomness));
      }
    } catch (BudgetExceededException e) {
      return Optional.empty();
    }
    counts.increment(members);
    double[] noisy = GaussianMechanism.builder().l2Sensitivity(c).sigma(sumNoiseMultiplier * c)
        .randomness(randomness).build().addNoise(sum.sum());
    if (adaptive != null && sum.size() > 0) {
      double centred = GaussianMechanism.builder().l2Sensitivity(0.5).sigma(adaptive.countNoise())
          .randomness(randomness).build().addNoise(sum.unclipped() - sum.size() / 2.0);
      clip = adaptive.next(c, centred / sum.size() + 0.5);
    }
    return Optional.of(noisy);
  }

  @Override
  public ContributionBound bound() {
    return ContributionBound.l2(clip);
  }

  @Override
  public boolean mayContribute(ClientId client) {
    return counts.of(client) < maxParticipations;
  }

  @Override
  public Optional<PrivacySummary> privacy() {
    double rho = ledger.totalCost().rho();
    return Optional.of(new PrivacySummary(!ledger.allPrivate() || !randomness.isPrivate(), rho,
        rho == 0 ? 0 : Zcdp.epsilon(rho, delta), delta, clip, noiseMultiplier, maxParticipations));
  }

  @Override
  public Map<String, Double> state() {
    return Map.of("clip_norm", clip);
  }

  @Override
  public void restore(Map<String, Double> state) {
    Double c = state.get("clip_norm");
    if (c == null) {
      throw new IllegalArgumentException("the checkpoint was written without central DP but this coordinator runs"
          + " with it");
    }
    clip = c;
  }

  /** Builds a {@link CentralDp}. */
  public static final class Builder {
    private PrivacyLedger ledger;
    private Randomness randomness;
    private double clip = Double.NaN;
    private double noiseMultiplier = Double.NaN;
    private AdaptiveClipping adaptive;
    private double delta = 1e-5;
    private Path participationFile;

    private Builder() {}

    /** Where every release is charged; its budget bounds the participations. */
    public Builder ledger(PrivacyLedger l) {
      this.ledger = l;
      return this;
    }

    /** The noise source: {@link Randomness#secure()}, or a seeded one for runs labelled not private. */
    public Builder randomness(Randomness r) {
      this.randomness = r;
      return this;
    }

    /** C: the L2 bound on each client's weighted update (the starting value under adaptive clipping). */
    public Builder clipNorm(double c) {
      this.clip = c;
      return this;
    }

    /** z: the noise standard deviation is zC. */
    public Builder noiseMultiplier(double z) {
      this.noiseMultiplier = z;
      return this;
    }

    public Builder adaptiveClipping(AdaptiveClipping a) {
      this.adaptive = a;
      return this;
    }

    /** δ at which ε is reported. */
    public Builder delta(double d) {
      this.delta = d;
      return this;
    }

    /** Keeps participation counts in this file across restarts (beside the ledger). */
    public Builder participationFile(Path f) {
      this.participationFile = f;
      return this;
    }

    public CentralDp build() {
      return new CentralDp(this);
    }
  }
}
