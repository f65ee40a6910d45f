package io.dpforge.spark.synth.report;

import io.dpforge.synth.SynthesisResult;
import io.dpforge.synth.mechanism.Measurements.NoisyAnswer;
import io.dpforge.synth.query.DomainLayout;
import io.dpforge.synth.query.Marginal;
import io.dpforge.synth.query.QuerySet;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadAnswerer;
import io.dpforge.synth.query.WorkloadCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The 1- and 2-way marginals the report draws. The noisy side is post-processing of released answers
 * only: the average of the projections (sums over the other columns) of every measured marginal that
 * holds the columns at the domain's bins. The synthetic side is counted on the synthetic table. Which
 * marginals are drawn depends only on the domain and the workload, never on data.
 */
final class MarginalViews {
  /** At most this many 2-way charts, of at most this many cells each, the smallest first. */
  static final int MAX_PAIRS = 12;
  static final int MAX_PAIR_CELLS = 120;

  private MarginalViews() {}

  static List<MarginalView> of(Workload workload, SynthesisResult synthesis) {
    DomainLayout layout = workload.layout();
    List<Measured> measured = measuredMarginals(workload, synthesis.noisyAnswers());
    List<int[]> targets = new ArrayList<>();
    for (int c = 0; c < layout.columns(); c++) {
      targets.add(new int[] {c});
    }
    List<int[]> pairs = new ArrayList<>();
    for (int a = 0; a < layout.columns(); a++) {
      for (int b = a + 1; b < layout.columns(); b++) {
        int[] pair = {a, b};
        if (Marginal.of(layout, pair).size() <= MAX_PAIR_CELLS && covered(measured, pair)) {
          pairs.add(pair);
        }
      }
    }
    pairs.sort(Comparator.comparingInt((int[] p) -> Marginal.of(layout, p).size()));
    targets.addAll(pairs.subList(0, Math.min(MAX_PAIRS, pairs.size())));
    targets.removeIf(t -> !covered(measured, t));

    List<Marginal> marginals = targets.stream().map(t -> Marginal.of(layout, t)).toList();
    if (marginals.isEmpty()) {
      return List.of();
    }
    Workload charted = new Workload(layout, marginals);
    WorkloadCounts synthetic = WorkloadAnswerer.count(charted, synthesis.synthetic());
    double rows = synthesis.report().rowCount();
    List<MarginalView> views = new ArrayList<>();
    for (int k = 0; k < marginals.size(); k++) {
      views.add(view(layout, marginals.get(k), targets.get(k), measured, synthetic.fractions(k), rows));
    }
    return views;
  }

  /** A measured marginal at the domain's bins with its noisy fractions and σ (counts). */
  private record Measured(Marginal marginal, int[] columns, double[] fractions, double sigma) {}

  private static List<Measured> measuredMarginals(Workload workload, List<NoisyAnswer> answers) {
    List<Measured> out = new ArrayList<>();
    for (NoisyAnswer a : answers) {
      int s = workload.indexOf(a.set());
      QuerySet q = s < 0 ? null : workload.set(s);
      if (q instanceof Marginal m && Arrays.stream(m.levels()).allMatch(l -> l == 0)) {
        out.add(new Measured(m, m.columns(), a.fractions(), a.sigma()));
      }
    }
    return out;
  }

  private static boolean covered(List<Measured> measured, int[] target) {
    return measured.stream().anyMatch(m -> contains(m.columns(), target));
  }

  private static boolean contains(int[] columns, int[] target) {
    for (int t : target) {
      if (Arrays.binarySearch(columns, t) < 0) {
        return false;
      }
    }
    return true;
  }

  private static MarginalView view(DomainLayout layout, Marginal target, int[] columns, List<Measured> measured,
      double[] synthetic, double rows) {
    double[] noisy = new double[target.size()];
    double variance = 0;
    List<String> sources = new ArrayList<>();
    for (Measured m : measured) {
      if (!contains(m.columns(), columns)) {
        continue;
      }
      double[] p = project(m.marginal(), m.fractions(), columns, target);
      for (int i = 0; i < noisy.length; i++) {
        noisy[i] += p[i];
      }
      // A projected cell sums size/targetSize measured cells, each with noise σ (counts).
      double summed = (double) m.marginal().size() / target.size();
      variance += summed * m.sigma() * m.sigma() / (rows * rows);
      sources.add(m.marginal().name());
    }
    int k = sources.size();
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] /= k;
    }
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < target.size(); i++) {
      cells.add(target.cellLabel(i));
    }
    String title = String.join(" × ", Arrays.stream(columns).mapToObj(layout::name).toList());
    return new MarginalView(title, cells, noisy, Math.sqrt(variance) / k, synthetic, sources);
  }

  /** Sums a marginal's cells over the columns not in {@code columns} (mixed-radix cell indices). */
  static double[] project(Marginal source, double[] fractions, int[] columns, Marginal target) {
    int[] cols = source.columns();
    int[] stride = new int[cols.length];
    int s = 1;
    for (int k = cols.length - 1; k >= 0; k--) {
      stride[k] = s;
      s *= source.radix(k);
    }
    int[] targetStride = new int[cols.length];
    int t = 1;
    for (int p = columns.length - 1; p >= 0; p--) {
      targetStride[Arrays.binarySearch(cols, columns[p])] = t;
      t *= target.radix(p);
    }
    double[] out = new double[target.size()];
    for (int cell = 0; cell < fractions.length; cell++) {
      int index = 0;
      for (int k = 0; k < cols.length; k++) {
        index += ((cell / stride[k]) % source.radix(k)) * targetStride[k];
      }
      out[index] += fractions[cell];
    }
    return out;
  }

}
