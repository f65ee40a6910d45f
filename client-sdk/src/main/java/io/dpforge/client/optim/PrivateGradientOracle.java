package io.dpforge.client.optim;

import io.dpforge.client.compute.ComputeBackend;
import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.Model;
import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.ledger.Charge;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.noise.GaussianMechanism;
import io.dpforge.dp.random.Randomness;

/**
 * Private gradient queries, the single clipping-and-noising step shared by DP-SGD and Private
 * SpiderBoost (which differ only in which queries they ask, Opacus-style). One query:
 *
 * <ol>
 *   <li>charges the ledger with the query's cost, before any data is touched (a refused charge throws
 *       and releases nothing);
 *   <li>draws a Poisson sample of the examples with rate q (all of them when q = 1);
 *   <li>sums per-example gradients ∇f(w; x), or gradient differences ∇f(w; x) − ∇f(w′; x), each clipped
 *       to norm C ({@link PerExampleClipping}), so adding or removing one example moves the sum by at
 *       most C;
 *   <li>adds Gaussian noise of standard deviation z·C to every coordinate (dp-core's exact, snapped
 *       {@link GaussianMechanism});
 *   <li>divides by the expected batch size q·n (n, the dataset size, is treated as public, as in
 *       Abadi et al. 2016 and Opacus).
 * </ol>
 *
 * <p>The cost of such a query is the Poisson-subsampled Gaussian mechanism with rate q and noise
 * multiplier z (a plain Gaussian mechanism with ρ = 1/(2z²) when q = 1), whatever C is: callers compute
 * it once with the accountant and pass it in.
 */
final class PrivateGradientOracle {
  private final Dataset data;
  private final PerExampleClipping clipping;
  private final Randomness randomness;
  private final PrivacyLedger ledger;
  private final double[] sum;
  private RdpCurve spent = RdpCurve.ZERO;
  private long gradientEvaluations;

  PrivateGradientOracle(Model model, Dataset data, ComputeBackend backend, Randomness randomness,
      PrivacyLedger ledger) {
    this.data = data;
    this.clipping = new PerExampleClipping(model, backend);
    this.randomness = randomness;
    this.ledger = ledger;
    this.sum = new double[model.dimension()];
  }

  /**
   * One private query.
   *
   * @param released what the ledger entry says is released, e.g. "DP-SGD step 12 gradient"
   * @param samplingRate q in (0, 1]
   * @param clipNorm C > 0, the L2 sensitivity of the clipped sum
   * @param noiseMultiplier z > 0: the noise standard deviation is z·C
   * @param cost the accountant's cost of one such query (Poisson-subsampled Gaussian with q and z)
   */
  record Query(String released, double samplingRate, double clipNorm, double noiseMultiplier, RdpCurve cost) {}

  /** Noisy mean of clipped per-example gradients at w. */
  double[] gradient(double[] w, Query query) {
    return release(w, null, query);
  }

  /** Noisy mean of clipped per-example differences ∇f(w; x) − ∇f(wPrevious; x) over one sample. */
  double[] difference(double[] w, double[] wPrevious, Query query) {
    return release(w, wPrevious, query);
  }

  /** The composition of every cost this oracle has charged. */
  RdpCurve spent() {
    return spent;
  }

  /** Per-example gradient evaluations so far (a difference counts two). */
  long gradientEvaluations() {
    return gradientEvaluations;
  }

  private double[] release(double[] w, double[] wPrevious, Query query) {
    double sigma = query.noiseMultiplier() * query.clipNorm();
    String mechanism = query.samplingRate() < 1 ? "poisson-subsampled gaussian" : "gaussian";
    ledger.charge(Charge.of(mechanism, query.released(), query.clipNorm(), sigma, query.cost()).using(randomness));
    spent = spent.plus(query.cost());
    int[] rows = PoissonSampler.sample(data.size(), query.samplingRate(), randomness);
    Dataset batch = query.samplingRate() == 1.0 ? data : data.select(rows);
    if (wPrevious == null) {
      clipping.clippedGradientSum(w, batch, query.clipNorm(), sum);
      gradientEvaluations += batch.size();
    } else {
      clipping.clippedDifferenceSum(w, wPrevious, batch, query.clipNorm(), sum);
      gradientEvaluations += 2L * batch.size();
    }
    double[] noisy = GaussianMechanism.builder().l2Sensitivity(query.clipNorm()).sigma(sigma)
        .randomness(randomness).build().addNoise(sum);
    double expectedBatch = query.samplingRate() * data.size();
    for (int j = 0; j < noisy.length; j++) {
      noisy[j] /= expectedBatch;
    }
    return noisy;
  }
}
