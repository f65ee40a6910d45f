package io.dpforge.federated.aggregate;

import java.util.ArrayList;
import java.util.List;

/** A cohort summed in the clear: each contribution is weighted, bounded and folded in as it arrives. */
public final class PlainCohort implements Cohort {
  private final long step;
  private final double[] sum;
  private final ContributionBound bound;
  private final List<CohortSum.Member> members = new ArrayList<>();
  private long examples;
  private int unclipped;
  private boolean sealed;

  public PlainCohort(long step, int dimension, ContributionBound bound) {
    this.step = step;
    this.sum = new double[dimension];
    this.bound = bound;
  }

  /** A factory of plain cohorts sharing one contribution bound. */
  public static Cohort.Factory factory(ContributionBound bound) {
    return (step, dimension) -> new PlainCohort(step, dimension, bound);
  }

  @Override
  public long step() {
    return step;
  }

  @Override
  public void add(Contribution c) {
    if (sealed) {
      throw new IllegalStateException("cohort " + step + " is sealed");
    }
    float[] delta = c.delta();
    if (delta.length != sum.length) {
      throw new IllegalArgumentException("contribution has " + delta.length + " values, cohort " + sum.length);
    }
    double squares = 0;
    for (float v : delta) {
      squares += (double) v * v;
    }
    double weightedNorm = Math.abs(c.factor()) * Math.sqrt(squares);
    double scale = bound.scaleFor(weightedNorm);
    if (scale >= 1.0) {
      unclipped++;
    }
    double w = c.factor() * Math.min(1.0, scale);
    for (int i = 0; i < delta.length; i++) {
      sum[i] += w * delta[i];
    }
    members.add(new CohortSum.Member(c.client(), c.factor(), c.staleness()));
    examples += c.numExamples();
  }

  @Override
  public int size() {
    return members.size();
  }

  @Override
  public CohortSum seal() {
    sealed = true;
    return new CohortSum(sum, List.copyOf(members), examples, unclipped);
  }
}
