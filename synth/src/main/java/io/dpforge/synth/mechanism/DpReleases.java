package io.dpforge.synth.mechanism;

import io.dpforge.dp.accounting.Zcdp;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.noise.GaussianMechanism;
import io.dpforge.dp.random.Randomness;
import io.dpforge.dp.select.GumbelTopK;
import java.util.ArrayList;
import java.util.List;

/**
 * The private releases: dp-core's Gaussian mechanism (exact discrete Gaussian noise on a snapped
 * lattice) and one-shot Gumbel top-K selection, every release charged to the budget ledger before its
 * value exists. The ledger refuses to overspend.
 */
public final class DpReleases implements Releases {
  private final PrivacyLedger ledger;
  private final Randomness random;
  private final List<Release> releases = new ArrayList<>();

  /**
   * @param ledger the ledger to charge (its budget bounds the run)
   * @param random the source of noise: {@link Randomness#secure()} for a private run
   */
  public DpReleases(PrivacyLedger ledger, Randomness random) {
    this.ledger = ledger;
    this.random = random;
  }

  public PrivacyLedger ledger() {
    return ledger;
  }

  @Override
  public boolean isPrivate() {
    return random.isPrivate();
  }

  @Override
  public String describe() {
    return random.describe();
  }

  @Override
  public double[] gaussian(String released, long[] counts, double l2Sensitivity, double sigma) {
    GaussianMechanism m = GaussianMechanism.builder().l2Sensitivity(l2Sensitivity).sigma(sigma)
        .randomness(random).build();
    double[] values = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      values[i] = counts[i];
    }
    double[] noisy = m.release(ledger, released, values);
    releases.add(new Release("gaussian", released, l2Sensitivity, sigma, Zcdp.gaussianRho(l2Sensitivity, sigma)));
    return noisy;
  }

  /** One-shot Gumbel top-K (dp-core's exact peeling sampler), charged as K exponential mechanisms. */
  @Override
  public int[] topK(String released, double[] scores, int k, double sensitivity, double epsilonPerPick) {
    GumbelTopK top = GumbelTopK.builder().k(k).epsilon(epsilonPerPick).sensitivity(sensitivity)
        .randomness(random).build();
    int[] picked = top.release(ledger, released, scores);
    releases.add(new Release("gumbel-top-k", released, sensitivity, epsilonPerPick, top.cost().rho()));
    return picked;
  }

  @Override
  public List<Release> releases() {
    return List.copyOf(releases);
  }

  @Override
  public double rhoSpent() {
    return ledger.spent();
  }
}
