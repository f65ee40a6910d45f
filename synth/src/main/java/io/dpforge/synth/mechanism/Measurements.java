package io.dpforge.synth.mechanism;

import io.dpforge.synth.query.Marginal;
import io.dpforge.synth.query.QuerySet;
import io.dpforge.synth.query.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The noisy answers released so far and the row count estimated from them (post-processing only).
 *
 * <p>The row count N̂ combines, by inverse-variance weighting, the noisy count (if one was released)
 * and the totals of every measured marginal (each row falls in exactly one cell, so a marginal's noisy
 * total is N plus noise of variance cells·σ²). Noisy answers are turned into target fractions by
 * clipping each count to [0, N̂] and dividing by N̂ (post-processing, as Private-GSD clips to [0, 1]).
 */
public final class Measurements {
  private final Workload workload;
  private final Map<Integer, double[]> noisy = new LinkedHashMap<>();
  private final Map<Integer, Double> sigma = new LinkedHashMap<>();
  private double countWeight;
  private double countWeighted;
  private double publicRows = Double.NaN;

  public Measurements(Workload workload) {
    this.workload = workload;
  }

  /** Declares the row count public (replace-one neighbours): it is used as is. */
  public void publicRowCount(long rows) {
    publicRows = rows;
  }

  /** Records the noisy row count released with noise σ. */
  public void noisyRowCount(double value, double sigma) {
    addCountEstimate(value, sigma * sigma);
  }

  /** Records the noisy counts of set {@code set}, released with noise σ. */
  public void add(int set, double[] counts, double noiseSigma) {
    noisy.put(set, counts.clone());
    sigma.put(set, noiseSigma);
    if (workload.set(set) instanceof Marginal) {
      double total = 0;
      for (double c : counts) {
        total += c;
      }
      addCountEstimate(total, counts.length * noiseSigma * noiseSigma);
    }
  }

  private void addCountEstimate(double value, double variance) {
    if (variance == 0) {
      // Exact (test-only) releases: the count is known exactly.
      countWeight = Double.POSITIVE_INFINITY;
      countWeighted = value;
      return;
    }
    if (Double.isInfinite(countWeight)) {
      return;
    }
    countWeight += 1 / variance;
    countWeighted += value / variance;
  }

  /** The row count: public, or the inverse-variance estimate from the releases (at least 1). */
  public double rows() {
    if (!Double.isNaN(publicRows)) {
      return publicRows;
    }
    if (countWeight == 0) {
      throw new IllegalStateException("no release estimates the row count yet");
    }
    double n = Double.isInfinite(countWeight) ? countWeighted : countWeighted / countWeight;
    return Math.max(1, n);
  }

  public boolean isMeasured(int set) {
    return noisy.containsKey(set);
  }

  /** Measured set indices, in measurement order. */
  public int[] measuredSets() {
    return noisy.keySet().stream().mapToInt(Integer::intValue).toArray();
  }

  public int count() {
    return noisy.size();
  }

  /** σ (in counts) of the noise on set {@code set}. */
  public double sigma(int set) {
    return sigma.get(set);
  }

  /** Noisy counts of a measured set (a copy). */
  public double[] noisyCounts(int set) {
    return noisy.get(set).clone();
  }

  /** Target fractions of a measured set: counts clipped to [0, N̂], divided by N̂. */
  public double[] fractions(int set) {
    double n = rows();
    double[] c = noisy.get(set);
    double[] f = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      f[i] = Math.max(0, Math.min(n, c[i])) / n;
    }
    return f;
  }

  /** The measured sets as a workload and their target fractions laid out in its answer vector. */
  public Targets targets() {
    int[] sets = measuredSets();
    Workload measured = workload.subset(sets);
    double[] target = new double[measured.answers()];
    for (int k = 0; k < sets.length; k++) {
      double[] f = fractions(sets[k]);
      System.arraycopy(f, 0, target, measured.offset(k), f.length);
    }
    return new Targets(measured, target, sets);
  }

  /**
   * Measured query sets and their target fractions.
   *
   * @param workload the measured sets
   * @param fractions target answers laid out in {@code workload}'s answer vector
   * @param sourceSets index of each measured set in the full workload
   */
  public record Targets(Workload workload, double[] fractions, int[] sourceSets) {}

  /** The noisy answers as a public result: per measured set its name, fractions and σ. */
  public List<NoisyAnswer> published() {
    List<NoisyAnswer> out = new ArrayList<>();
    for (int s : measuredSets()) {
      QuerySet q = workload.set(s);
      out.add(new NoisyAnswer(q.name(), q.queryClass().label(), fractions(s), sigma(s)));
    }
    return out;
  }

  /**
   * A released noisy answer vector (public: safe to show and plot).
   *
   * @param set the query set's name
   * @param queryClass its class label
   * @param fractions noisy answers as fractions of N̂, clipped to [0, 1]
   * @param sigma σ of the noise, in counts
   */
  public record NoisyAnswer(String set, String queryClass, double[] fractions, double sigma) {}
}
