package io.dpforge.synth.mechanism;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * NOT PRIVATE: releases exact values (ε = ∞). Only for tests and optimisation-floor experiments (the
 * brief's §5.5 item 2); no user-facing flag reaches it, and every report made with it says it is not
 * private.
 */
public final class ExactReleases implements Releases {
  private final List<Release> releases = new ArrayList<>();

  @Override
  public boolean isPrivate() {
    return false;
  }

  @Override
  public String describe() {
    return "exact answers, epsilon = infinity (NOT PRIVATE, test mode)";
  }

  @Override
  public double[] gaussian(String released, long[] counts, double l2Sensitivity, double sigma) {
    releases.add(new Release("exact", released, l2Sensitivity, 0, Double.POSITIVE_INFINITY));
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = counts[i];
    }
    return out;
  }

  @Override
  public int[] topK(String released, double[] scores, int k, double sensitivity, double epsilonPerPick) {
    releases.add(new Release("exact", released, sensitivity, 0, Double.POSITIVE_INFINITY));
    return IntStream.range(0, scores.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }

  @Override
  public List<Release> releases() {
    return List.copyOf(releases);
  }

  @Override
  public double rhoSpent() {
    return releases.isEmpty() ? 0 : Double.POSITIVE_INFINITY;
  }
}
