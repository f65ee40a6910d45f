package io.dpforge.synth.bench;

import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.dp.random.Randomness;
import io.dpforge.synth.IndependentMarginals;
import io.dpforge.synth.Mode;
import io.dpforge.synth.Neighbours;
import io.dpforge.synth.PrivacyBudget;
import io.dpforge.synth.SynthesisResult;
import io.dpforge.synth.Synthesizer;
import io.dpforge.synth.eval.NoiseReference;
import io.dpforge.synth.eval.WorkloadEvaluation;
import io.dpforge.synth.ga.GaConfig;
import io.dpforge.synth.query.DomainLayout;
import io.dpforge.synth.query.RowView;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadAnswerer;
import io.dpforge.synth.query.WorkloadCounts;
import io.dpforge.synth.query.WorkloadSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy experiments of the module README. NOT PRIVATE: every run here evaluates against the true
 * data and uses seeded noise, so that each number can be reproduced.
 *
 * <pre>
 * java -cp synth/target/benchmarks.jar io.dpforge.synth.bench.Sweep sweep DATA.csv DOMAIN.json
 *     [--workload marginals:3] [--epsilons 0.1,0.3,1,3,10] [--seeds 3] [--mode oneshot] [--rows 2000]
 * java -cp ... Sweep ours DATA.csv DOMAIN.json --epsilon 1 --seed 0        (one run, one JSON line)
 * java -cp ... Sweep export-codes DATA.csv DOMAIN.json CODES.csv SIZES.json (discretised copy for AIM)
 * java -cp ... Sweep evaluate-codes DATA.csv DOMAIN.json SYNTH_CODES.csv   (error of a codes table)
 * </pre>
 */
public final class Sweep {
  private static final double DELTA = 1e-9;

  private Sweep() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: Sweep sweep|ours|export-codes|evaluate-codes DATA.csv DOMAIN.json ...");
      System.exit(2);
    }
    Map<String, String> opt = options(args);
    Domain domain = Domain.read(Path.of(args[2]));
    EncodedTable table = CsvTableReader.builder(domain).build().readTable(Path.of(args[1])).table();
    Workload workload = WorkloadSpec.parse(opt.getOrDefault("workload", "marginals:3"), domain);
    switch (args[0]) {
      case "sweep" -> sweep(table, domain, workload, opt);
      case "ours" -> ours(table, domain, workload, opt);
      case "export-codes" -> exportCodes(table, Path.of(args[3]), Path.of(args[4]));
      case "evaluate-codes" -> evaluateCodes(table, workload, Path.of(args[3]));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].startsWith("--")) {
        opt.put(args[i].substring(2), args[i + 1]);
      }
    }
    return opt;
  }

  private static Synthesizer synthesizer(Map<String, String> opt, long seed) {
    return Synthesizer.builder()
        .mode(Mode.parse(opt.getOrDefault("mode", "oneshot")))
        .neighbours(Neighbours.parse(opt.getOrDefault("neighbours", "add-remove")))
        .syntheticRows(Integer.parseInt(opt.getOrDefault("rows", "2000")))
        .noise(Randomness.seededNotPrivate(seed))
        .geneticAlgorithm(GaConfig.defaults().withSeed(seed))
        .build();
  }

  private static void sweep(EncodedTable table, Domain domain, Workload workload, Map<String, String> opt) {
    int seeds = Integer.parseInt(opt.getOrDefault("seeds", "3"));
    Neighbours neighbours = Neighbours.parse(opt.getOrDefault("neighbours", "add-remove"));
    System.out.printf("| ε | ρ | Private-GSD mean L1 | independent mean L1 | noise reference | fit time (s) |%n");
    System.out.printf("|---|---|---|---|---|---|%n");
    for (String e : opt.getOrDefault("epsilons", "0.1,0.3,1,3,10").split(",")) {
      double epsilon = Double.parseDouble(e);
      PrivacyBudget budget = PrivacyBudget.of(epsilon, DELTA);
      double[] ours = new double[seeds];
      double[] independent = new double[seeds];
      double[] seconds = new double[seeds];
      for (int s = 0; s < seeds; s++) {
        SynthesisResult r = synthesizer(opt, s).fit(table, domain, workload, budget);
        ours[s] = WorkloadEvaluation.compare(workload, table, r.synthetic()).get(0).meanL1();
        seconds[s] = r.report().totalMillis() / 1000.0;
        EncodedTable base = IndependentMarginals.synthesize(table, budget, neighbours, r.synthetic().rows(),
            Randomness.seededNotPrivate(1000 + s), s);
        independent[s] = WorkloadEvaluation.compare(workload, table, base).get(0).meanL1();
      }
      double reference = NoiseReference.of(workload, table.rows(), budget.rho(), neighbours).get(0).meanL1();
      System.out.printf(Locale.ROOT, "| %s | %.4g | %s | %s | %.4f | %.1f |%n", e, budget.rho(), meanSd(ours),
          meanSd(independent), reference, mean(seconds));
      System.out.flush();
    }
  }

  private static void ours(EncodedTable table, Domain domain, Workload workload, Map<String, String> opt) {
    double epsilon = Double.parseDouble(opt.getOrDefault("epsilon", "1"));
    long seed = Long.parseLong(opt.getOrDefault("seed", "0"));
    PrivacyBudget budget = PrivacyBudget.of(epsilon, DELTA);
    long start = System.nanoTime();
    SynthesisResult r = synthesizer(opt, seed).fit(table, domain, workload, budget);
    double seconds = (System.nanoTime() - start) / 1e9;
    double l1 = WorkloadEvaluation.compare(workload, table, r.synthetic()).get(0).meanL1();
    System.out.printf(Locale.ROOT, "{\"system\": \"private-gsd\", \"epsilon\": %s, \"rho\": %.10g, \"seed\": %d,"
        + " \"mean_l1\": %.6f, \"seconds\": %.3f, \"rho_spent\": %.10g}%n", epsilon, budget.rho(), seed, l1, seconds,
        r.report().rhoSpent());
  }

  private static void exportCodes(EncodedTable table, Path codes, Path sizes) throws IOException {
    DomainLayout layout = DomainLayout.of(table.domain());
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(codes))) {
      out.println(String.join(",", layout.names()));
      StringBuilder line = new StringBuilder();
      for (int r = 0; r < table.rows(); r++) {
        line.setLength(0);
        for (int c = 0; c < layout.columns(); c++) {
          int code = layout.isDiscrete(c) ? table.code(r, c) : layout.binOf(c, table.number(r, c));
          line.append(c > 0 ? "," : "").append(code);
        }
        out.println(line);
      }
    }
    StringBuilder json = new StringBuilder("{");
    for (int c = 0; c < layout.columns(); c++) {
      json.append(c > 0 ? ", " : "").append('"').append(layout.name(c)).append("\": ").append(layout.codes(c));
    }
    Files.writeString(sizes, json.append("}\n").toString());
    // The brief's §5.3 workload and ρ for the same ε, so both systems get the same budget.
    for (double e : new double[] {0.1, 0.3, 1, 3, 10}) {
      System.out.printf(Locale.ROOT, "epsilon %s rho %.10g%n", e, PrivacyBudget.of(e, DELTA).rho());
    }
  }

  /** Mean L1 of a table of codes (numeric columns as bin indices), on the workload's marginals. */
  private static void evaluateCodes(EncodedTable table, Workload workload, Path codes) throws IOException {
    DomainLayout layout = workload.layout();
    WorkloadAnswerer synthetic = new WorkloadAnswerer(workload);
    try (BufferedReader in = Files.newBufferedReader(codes)) {
      String[] header = in.readLine().split(",");
      int[] position = new int[layout.columns()];
      for (int c = 0; c < layout.columns(); c++) {
        position[c] = Arrays.asList(header).indexOf(layout.name(c));
      }
      int[] row = new int[layout.columns()];
      RowView view = new RowView() {
        @Override
        public int code(int column) {
          return row[column];
        }

        @Override
        public double value(int column) {
          throw new UnsupportedOperationException("a table of codes has no exact numeric values");
        }
      };
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        for (int c = 0; c < row.length; c++) {
          row[c] = Integer.parseInt(f[position[c]].trim());
        }
        synthetic.add(view);
      }
    }
    WorkloadCounts real = WorkloadAnswerer.count(workload, table);
    double l1 = WorkloadEvaluation.compare(real, synthetic.result()).get(0).meanL1();
    System.out.printf(Locale.ROOT, "{\"mean_l1\": %.6f, \"rows\": %d}%n", l1, synthetic.rows());
  }

  private static double mean(double[] x) {
    return Arrays.stream(x).average().orElse(Double.NaN);
  }

  private static String meanSd(double[] x) {
    double m = mean(x);
    double v = Arrays.stream(x).map(a -> (a - m) * (a - m)).sum() / Math.max(1, x.length - 1);
    return String.format(Locale.ROOT, "%.4f ± %.4f", m, Math.sqrt(v));
  }
}
