package io.dpforge.synth;

import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedRow;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import io.dpforge.synth.ga.ValueSampler;
import io.dpforge.synth.mechanism.DpReleases;
import io.dpforge.synth.mechanism.Measurements;
import io.dpforge.synth.mechanism.PrivateAnswers;
import io.dpforge.synth.mechanism.Releases;
import io.dpforge.synth.query.DomainLayout;
import io.dpforge.synth.query.Marginal;
import io.dpforge.synth.query.QuerySet;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadAnswerer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The independent-marginals baseline: measure every 1-way marginal with the Gaussian mechanism (ρ
 * split evenly, after the row-count share under add/remove) and draw each column independently from
 * its clipped, normalised noisy marginal (numeric values uniformly inside the drawn bin). Any method
 * that models dependence between columns must beat it on k-way marginals.
 */
public final class IndependentMarginals {
  private IndependentMarginals() {}

  /** Synthesises {@code rows} rows from {@code table}'s noisy 1-way marginals. */
  public static EncodedTable synthesize(EncodedTable table, PrivacyBudget budget, Neighbours neighbours, int rows,
      Randomness noise, long seed) {
    Domain domain = table.domain();
    DomainLayout layout = DomainLayout.of(domain);
    List<QuerySet> oneWay = new ArrayList<>();
    for (int c = 0; c < layout.columns(); c++) {
      oneWay.add(Marginal.of(layout, c));
    }
    Workload workload = new Workload(layout, oneWay);
    PrivateAnswers answers = PrivateAnswers.of(WorkloadAnswerer.count(workload, table));
    Releases releases = new DpReleases(PrivacyLedger.builder().budget(Budget.zcdp(budget.rho())).build(), noise);
    var plan = io.dpforge.synth.mechanism.BudgetPlan.of(Mode.ONE_SHOT, neighbours, budget.rho(), workload.sets(), 1, 0);
    Measurements measured = new Measurements(workload);
    if (neighbours.publicRowCount()) {
      measured.publicRowCount(answers.rows());
    } else {
      double sigma = plan.rowCountSigma();
      measured.noisyRowCount(releases.gaussian("row count", new long[] {answers.rows()}, 1, sigma)[0], sigma);
    }
    double sigma = plan.measureSigma(neighbours);
    for (int s = 0; s < workload.sets(); s++) {
      measured.add(s, releases.gaussian(workload.set(s).name(), answers.counts(s), neighbours.countSensitivity(),
          sigma), sigma);
    }
    SplittableRandom random = new SplittableRandom(seed);
    ValueSampler sampler = new ValueSampler(layout);
    double[][] cumulative = new double[layout.columns()][];
    for (int c = 0; c < layout.columns(); c++) {
      cumulative[c] = cumulative(measured.fractions(c));
    }
    EncodedTable.Builder out = EncodedTable.builder(domain);
    EncodedRow row = new EncodedRow(layout.columns());
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < layout.columns(); c++) {
        int code = draw(cumulative[c], random);
        if (layout.isDiscrete(c)) {
          row.setCode(c, code);
        } else {
          row.setNumber(c, sampler.inBin(c, code, random));
        }
      }
      out.add(row);
    }
    return out.build();
  }

  private static double[] cumulative(double[] p) {
    double[] c = new double[p.length];
    double total = 0;
    for (int i = 0; i < p.length; i++) {
      total += p[i];
      c[i] = total;
    }
    if (total == 0) {
      for (int i = 0; i < p.length; i++) {
        c[i] = i + 1.0;
      }
    }
    return c;
  }

  private static int draw(double[] cumulative, SplittableRandom random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }
}
