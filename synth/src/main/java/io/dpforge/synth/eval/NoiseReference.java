package io.dpforge.synth.eval;

import io.dpforge.synth.Neighbours;
import io.dpforge.synth.query.QueryClass;
import io.dpforge.synth.query.Workload;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The measurement-noise reference line (the brief's §5.5 item 1): the error of answering the workload
 * directly with the Gaussian mechanism, every set measured once with ρ split evenly over the |W| sets.
 * Per set σ = Δ·√(|W|/(2ρ)) counts (Δ = 1 add/remove, √2 replace-one); the expected L1 of a set of n
 * cells is n·σ·√(2/π)/N and the expected largest error over M cells is about (σ/N)·√(2 ln 2M).
 * A reference, not a floor: a fit of overlapping sets can average noise away and land below it.
 */
public final class NoiseReference {
  private NoiseReference() {}

  /**
   * Reference error of one class.
   *
   * @param queryClass class label, or {@code all}
   * @param sigmaFraction σ of the noise on one answer, as a fraction of N
   * @param meanL1 expected mean over sets of the per-set L1
   * @param meanAbs expected absolute error of one answer
   * @param maxAbs expected largest absolute error over the class's answers
   */
  public record Line(String queryClass, double sigmaFraction, double meanL1, double meanAbs, double maxAbs) {}

  /** Reference lines per query class (and "all") for {@code rows} private rows and budget ρ. */
  public static List<Line> of(Workload workload, double rows, double rho, Neighbours neighbours) {
    double sigma = neighbours.countSensitivity() * Math.sqrt(workload.sets() / (2 * rho)) / rows;
    double perAnswer = sigma * Math.sqrt(2 / Math.PI);
    Map<QueryClass, long[]> byClass = new EnumMap<>(QueryClass.class);
    for (int s = 0; s < workload.sets(); s++) {
      long[] c = byClass.computeIfAbsent(workload.set(s).queryClass(), k -> new long[2]);
      c[0]++;
      c[1] += workload.set(s).size();
    }
    List<Line> lines = new ArrayList<>();
    for (Map.Entry<QueryClass, long[]> e : byClass.entrySet()) {
      lines.add(line(e.getKey().label(), e.getValue(), sigma, perAnswer));
    }
    if (lines.size() > 1) {
      lines.add(line("all", new long[] {workload.sets(), workload.answers()}, sigma, perAnswer));
    }
    return lines;
  }

  private static Line line(String label, long[] c, double sigma, double perAnswer) {
    double meanCells = (double) c[1] / c[0];
    return new Line(label, sigma, meanCells * perAnswer, perAnswer, sigma * Math.sqrt(2 * Math.log(2.0 * c[1])));
  }
}
