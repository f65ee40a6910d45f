package io.dpforge.cli.gossip;

import io.dpforge.cli.Samples;
import io.dpforge.decentralized.graph.EdgeListFile;
import io.dpforge.decentralized.graph.EdgeRateOptimizer;
import io.dpforge.decentralized.graph.EdgeRates;
import io.dpforge.decentralized.graph.Graph;
import io.dpforge.decentralized.graph.Graphs;
import io.dpforge.decentralized.method.Acid;
import io.dpforge.decentralized.method.Dadao;
import io.dpforge.decentralized.method.GossipMethod;
import io.dpforge.decentralized.method.RandomizedGossip;
import io.dpforge.decentralized.method.StepSchedule;
import io.dpforge.decentralized.problem.LeastSquares;
import io.dpforge.decentralized.problem.Logistic;
import io.dpforge.decentralized.problem.Partition;
import io.dpforge.decentralized.problem.Problem;
import io.dpforge.decentralized.problem.Quadratics;
import io.dpforge.decentralized.problem.TabularData;
import io.dpforge.dp.data.InvalidInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every gossip command shares: the graph, the problem, the edge rates and the method. Every
 * node of a deployment builds the same setup from the same options and seed.
 */
public final class GossipSetup {
  @Option(names = "--graph", defaultValue = "cycle",
      description = "Graph: path, cycle, star, complete, grid, barbell, geometric, erdos-renyi, or file"
          + " (with --edges). Default: ${DEFAULT-VALUE}.")
  String graph;

  @Option(names = "--nodes", defaultValue = "10", description = "Number of nodes n (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--edges", description = "Edge-list file for --graph file: one edge per line, two 0-based node ids.")
  Path edges;

  @Option(names = "--radius", defaultValue = "0.4",
      description = "Connection radius of --graph geometric (default: ${DEFAULT-VALUE}).")
  double radius;

  @Option(names = "--edge-probability", defaultValue = "0.3",
      description = "Edge probability of --graph erdos-renyi (default: ${DEFAULT-VALUE}).")
  double edgeProbability;

  @Option(names = "--problem", defaultValue = "quadratic",
      description = "quadratic (seeded per-node quadratics), least-squares or logistic (a table split across"
          + " nodes; default data: the bundled CPS 1988 sample). Default: ${DEFAULT-VALUE}.")
  String problem;

  @Option(names = "--dim", defaultValue = "5", description = "Dimension d of --problem quadratic (default: ${DEFAULT-VALUE}).")
  int dim;

  @Option(names = "--condition", defaultValue = "10",
      description = "Quadratic curvatures are drawn from U[1, condition] (κ ≈ condition; default: ${DEFAULT-VALUE}).")
  double condition;

  @Option(names = "--data", description = "CSV table for least-squares/logistic (default: bundled cps1988).")
  Path data;

  @Option(names = "--domain", description = "Domain spec of --data (default: domain.json next to the CSV).")
  Path domain;

  @Option(names = "--target-column",
      description = "Column to predict (default: wage for least-squares, parttime for logistic).")
  String targetColumn;

  @Option(names = "--features", split = ",",
      description = "Feature columns (default: all other columns), plus an intercept unless --no-intercept.")
  List<String> features = List.of();

  @Option(names = "--no-intercept", description = "Do not add an intercept column to the features.")
  boolean noIntercept;

  @Option(names = "--l2", defaultValue = "0.01",
      description = "Ridge weight of --problem logistic, which is its strong convexity μ (default: ${DEFAULT-VALUE}).")
  double l2;

  @Option(names = "--rates", defaultValue = "uniform",
      description = "Edge rates: uniform, or optimized (minimise the total rate for this graph). Default: ${DEFAULT-VALUE}.")
  String rates;

  @Option(names = "--algorithm", defaultValue = "dadao",
      description = "dadao, gossip (randomized gossip + local gradient steps) or acid (A²CiD²). Default: ${DEFAULT-VALUE}.")
  String algorithm;

  @Option(names = "--step", defaultValue = "1",
      description = "Baselines: first gradient step, in units of 1/L (default: ${DEFAULT-VALUE}).")
  double step;

  @Option(names = "--decay-after", defaultValue = "10",
      description = "Baselines: step k of a node is step·k0/(k0 + k) with k0 = this (default: ${DEFAULT-VALUE}).")
  double decayAfter;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the problem, graph and clocks (default: ${DEFAULT-VALUE}).")
  long seed;

  /** The graph, rates and problem, built once. */
  public record Built(Graph graph, EdgeRates rates, Problem problem, GossipMethod method) {}

  public Built build() {
    if (nodes < 2) {
      throw new InvalidInputException("--nodes must be at least 2, got " + nodes);
    }
    Graph g = graph();
    EdgeRates r = switch (rates.toLowerCase(Locale.ROOT)) {
      case "uniform" -> EdgeRates.uniform(g);
      case "optimized", "optimised" -> new EdgeRateOptimizer(300).optimise(g);
      default -> throw new InvalidInputException("--rates must be uniform or optimized, got '" + rates + "'");
    };
    Problem p = problem(g.nodes());
    return new Built(g, r, p, method(p, r));
  }

  private Graph graph() {
    try {
      return switch (graph.toLowerCase(Locale.ROOT)) {
        case "path" -> Graphs.path(nodes);
        case "cycle" -> Graphs.cycle(nodes);
        case "star" -> Graphs.star(nodes);
        case "complete" -> Graphs.complete(nodes);
        case "grid" -> Graphs.grid(nodes);
        case "barbell" -> Graphs.barbell(nodes);
        case "geometric", "random-geometric" -> Graphs.randomGeometric(nodes, radius, seed);
        case "erdos-renyi", "er" -> Graphs.erdosRenyi(nodes, edgeProbability, seed);
        case "file" -> {
          if (edges == null) {
            throw new InvalidInputException("--graph file needs --edges FILE");
          }
          yield EdgeListFile.read(edges);
        }
        default -> throw new InvalidInputException("--graph must be one of path, cycle, star, complete, grid, barbell,"
            + " geometric, erdos-renyi, file; got '" + graph + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--graph " + graph + " --nodes " + nodes + ": " + e.getMessage());
    }
  }

  private Problem problem(int n) {
    switch (problem.toLowerCase(Locale.ROOT)) {
      case "quadratic" -> {
        if (dim < 1 || !(condition >= 1)) {
          throw new InvalidInputException("--dim must be >= 1 and --condition >= 1, got " + dim + ", " + condition);
        }
        return Quadratics.random(n, dim, 1, condition, seed);
      }
      case "least-squares" -> {
        TabularData t = table(targetColumn != null ? targetColumn : "wage");
        return LeastSquares.of(t, shares(t, n));
      }
      case "logistic" -> {
        if (!(l2 > 0)) {
          throw new InvalidInputException("--l2 must be > 0 (it is the strong convexity), got " + l2);
        }
        TabularData t = table(targetColumn != null ? targetColumn : "parttime");
        return Logistic.of(t, shares(t, n), l2);
      }
      default -> throw new InvalidInputException("--problem must be quadratic, least-squares or logistic, got '"
          + problem + "'");
    }
  }

  private TabularData table(String target) {
    Path csv = data != null ? data : Samples.csv(Samples.CPS1988);
    Path spec = domain != null ? domain : csv.toAbsolutePath().resolveSibling("domain.json");
    return TabularData.read(csv, spec, target, features, !noIntercept);
  }

  private int[][] shares(TabularData t, int n) {
    if (t.rows() < n) {
      throw new InvalidInputException("cannot split " + t.rows() + " rows across " + n + " nodes");
    }
    return Partition.random(t.rows(), n, seed);
  }

  private GossipMethod method(Problem p, EdgeRates r) {
    if (!(step > 0) || !(decayAfter > 0)) {
      throw new InvalidInputException("--step and --decay-after must be > 0, got " + step + ", " + decayAfter);
    }
    StepSchedule schedule = new StepSchedule(step / p.smoothness(), decayAfter);
    return switch (algorithm.toLowerCase(Locale.ROOT)) {
      case "dadao" -> Dadao.forProblem(p, r);
      case "gossip" -> new RandomizedGossip(schedule);
      case "acid" -> new Acid(schedule, r.spectrum());
      default -> throw new InvalidInputException("--algorithm must be dadao, gossip or acid, got '" + algorithm + "'");
    };
  }

  /** What the setup is, for the JSON result and the human summary. */
  public static Map<String, Object> describe(Built b) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("algorithm", b.method().name());
    r.put("graph", b.graph().name());
    r.put("nodes", b.graph().nodes());
    r.put("edges", b.graph().edgeCount());
    r.put("problem", b.problem().name());
    r.put("dim", b.problem().dim());
    r.put("smoothness_L", b.problem().smoothness());
    r.put("strong_convexity_mu", b.problem().strongConvexity());
    r.put("chi1", b.rates().spectrum().chi1());
    r.put("chi2", b.rates().spectrum().chi2());
    r.put("total_edge_rate", b.rates().total());
    return r;
  }

  /** One line: graph, problem, κ, rates. */
  public static String summary(Built b) {
    return String.format(Locale.ROOT, "%s on %s (n=%d, |E|=%d), %s: L=%.4g, μ=%.4g (κ=%.3g); edge rate %.4g per"
            + " time unit, χ1[Λ]=%.4g, χ2[Λ]=%.4g", b.method().name(), b.graph().name(), b.graph().nodes(),
        b.graph().edgeCount(), b.problem().name(), b.problem().smoothness(), b.problem().strongConvexity(),
        b.problem().conditionNumber(), b.rates().total(), b.rates().spectrum().chi1(), b.rates().spectrum().chi2());
  }
}
