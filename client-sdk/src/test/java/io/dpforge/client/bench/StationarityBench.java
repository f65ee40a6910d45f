package io.dpforge.client.bench;

import io.dpforge.client.optim.DpSgd;
import io.dpforge.client.optim.OptimizationResult;
import io.dpforge.client.optim.Optimizer;
import io.dpforge.client.optim.PrivateSpiderBoost;
import io.dpforge.client.problem.DataSource;
import io.dpforge.client.problem.Problem;
import io.dpforge.client.problem.ProblemKind;
import io.dpforge.client.problem.Problems;
import io.dpforge.dp.random.Randomness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The utility table of client-sdk/README.md: ‖∇F‖ of Private SpiderBoost against tuned DP-SGD on
 * synthetic non-convex logistic regression (n = 100,000, d = 100, δ = 1e-5), ε ∈ {1, 4, 8}.
 *
 * <p>Protocol. Both methods are tuned on a proxy data set drawn from the same public generator with a
 * seed never used for evaluation (tuning on public proxy data costs no privacy), over the grids below;
 * the configuration with the lowest mean ‖∇F‖ over two noise seeds wins. Each winner then runs on five
 * fresh data sets (seeds 1–5, fresh noise), and the table reports mean ± standard deviation of
 * ‖∇F(w_T; S)‖ (last iterate, computed non-privately on the full training set) and the gradient
 * evaluations used. DP-SGD's grid is restricted to runs whose gradient budget is within 2× of the
 * SpiderBoost winner's. Noise is seeded for reproducibility (NOT PRIVATE); its distribution is the
 * private one.
 *
 * <p>Arguments: {@code [n] [d] [epsilons, comma-separated] [seeds]} (defaults 100000 100 1,4,8 5).
 */
public final class StationarityBench {
  private static final double DELTA = 1e-5;
  private static final long PROXY_SEED = 1000;

  private StationarityBench() {}

  /** One candidate: a name for the report and a factory from (ε, noise seed) to an optimizer. */
  record Candidate(String name, Function<double[], Optimizer> factory) {
    Optimizer build(double epsilon, long seed) {
      return factory.apply(new double[] {epsilon, seed});
    }
  }

  record Outcome(double meanNorm, double sdNorm, double meanEvaluations, double epsilonSpent) {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    String[] eps = (args.length > 2 ? args[2] : "1,4,8").split(",");
    int seeds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    Problem proxy = problem(n, d, PROXY_SEED);
    System.out.println("proxy problem: " + proxy.description());
    StringBuilder table = new StringBuilder();
    table.append("| ε | DP-SGD ‖∇F‖ | DP-SGD evaluations | SpiderBoost ‖∇F‖ | SpiderBoost evaluations | DP-SGD / SpiderBoost |\n");
    table.append("|---|---|---|---|---|---|\n");
    for (String e : eps) {
      double epsilon = Double.parseDouble(e);
      Candidate spider = tune(proxy, epsilon, spiderBoostGrid(), Double.POSITIVE_INFINITY);
      Outcome spiderOutcome = evaluate(spider, n, d, epsilon, seeds);
      Candidate sgd = tune(proxy, epsilon, dpSgdGrid(), 2 * spiderOutcome.meanEvaluations());
      Outcome sgdOutcome = evaluate(sgd, n, d, epsilon, seeds);
      System.out.printf(Locale.ROOT, "ε = %s: SpiderBoost [%s] %s; DP-SGD [%s] %s%n", e, spider.name(), spiderOutcome,
          sgd.name(), sgdOutcome);
      table.append(String.format(Locale.ROOT, "| %s | %.2e ± %.1e | %.2e | %.2e ± %.1e | %.2e | %.2f |%n", e,
          sgdOutcome.meanNorm(), sgdOutcome.sdNorm(), sgdOutcome.meanEvaluations(), spiderOutcome.meanNorm(),
          spiderOutcome.sdNorm(), spiderOutcome.meanEvaluations(), sgdOutcome.meanNorm() / spiderOutcome.meanNorm()));
    }
    System.out.println();
    System.out.print(table);
  }

  static Problem problem(int n, int d, long seed) {
    return Problems.builder().kind(ProblemKind.LOGREG_NONCONVEX).data(DataSource.SYNTHETIC).n(n).dimension(d)
        .seed(seed).build();
  }

  static List<Candidate> dpSgdGrid() {
    List<Candidate> grid = new ArrayList<>();
    for (int batch : new int[] {1000, 4000}) {
      for (int steps : new int[] {500, 2000}) {
        for (double lr : new double[] {2, 8}) {
          for (double clip : new double[] {0.25, 1}) {
            grid.add(new Candidate(String.format(Locale.ROOT, "b=%d T=%d η=%g C=%g", batch, steps, lr, clip),
                a -> DpSgd.builder().expectedBatchSize(batch).steps(steps).learningRate(lr).clipNorm(clip)
                    .targetEpsilon(a[0]).delta(DELTA).randomness(Randomness.seededNotPrivate((long) a[1])).build()));
          }
        }
      }
    }
    return grid;
  }

  static List<Candidate> spiderBoostGrid() {
    List<Candidate> grid = new ArrayList<>();
    for (int steps : new int[] {500, 2000}) {
      for (int anchors : new int[] {1, 4}) {
        for (int b2 : new int[] {1000, 4000}) {
          for (double lr : new double[] {2, 8}) {
            for (double clip : new double[] {0.25, 1}) {
              int phase = (steps + anchors - 1) / anchors;
              grid.add(new Candidate(String.format(Locale.ROOT, "T=%d q=%d b2=%d η=%g L0=%g L1=0.25", steps, phase, b2,
                  lr, clip), a -> PrivateSpiderBoost.builder().steps(steps).phaseLength(phase)
                      .variationBatchSize(b2).learningRate(lr).lipschitz(clip).smoothness(0.25)
                      .targetEpsilon(a[0]).delta(DELTA).randomness(Randomness.seededNotPrivate((long) a[1])).build()));
            }
          }
        }
      }
    }
    return grid;
  }

  /** The candidate with the lowest mean ‖∇F‖ over two noise seeds on the proxy problem. */
  static Candidate tune(Problem proxy, double epsilon, List<Candidate> grid, double maxEvaluations) {
    record Scored(Candidate candidate, double score) {}
    List<Scored> scored = new ArrayList<>();
    for (Candidate c : grid) {
      double sum = 0;
      double evaluations = 0;
      for (long seed = 101; seed <= 102; seed++) {
        OptimizationResult r = c.build(epsilon, seed).optimize(proxy.model(), new double[proxy.model().dimension()],
            proxy.train());
        sum += proxy.evaluate(r.parameters()).gradientNorm();
        evaluations += r.gradientEvaluations() / 2.0;
      }
      if (evaluations <= maxEvaluations) {
        scored.add(new Scored(c, sum / 2));
        System.out.printf(Locale.ROOT, "  tune ε=%g %-45s ‖∇F‖ %.3e evals %.2e%n", epsilon, c.name(), sum / 2,
            evaluations);
      }
    }
    return scored.stream().min(Comparator.comparingDouble(Scored::score)).orElseThrow().candidate();
  }

  static Outcome evaluate(Candidate c, int n, int d, double epsilon, int seeds) {
    double[] norms = new double[seeds];
    double evaluations = 0;
    double spent = 0;
    for (int s = 1; s <= seeds; s++) {
      Problem p = problem(n, d, s);
      OptimizationResult r = c.build(epsilon, s).optimize(p.model(), new double[p.model().dimension()], p.train());
      norms[s - 1] = p.evaluate(r.parameters()).gradientNorm();
      evaluations += r.gradientEvaluations();
      spent = Math.max(spent, r.privacy().epsilon());
    }
    double mean = java.util.Arrays.stream(norms).average().orElse(Double.NaN);
    double var = java.util.Arrays.stream(norms).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, seeds - 1);
    return new Outcome(mean, Math.sqrt(var), evaluations / seeds, spent);
  }
}
