package io.dpforge.synth;

import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.synth.eval.ErrorStats;
import io.dpforge.synth.ga.FitOutcome;
import io.dpforge.synth.ga.FitState;
import io.dpforge.synth.ga.GaConfig;
import io.dpforge.synth.ga.GeneticFitter;
import io.dpforge.synth.ga.Progress;
import io.dpforge.synth.ga.SyntheticRows;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import io.dpforge.synth.mechanism.BudgetPlan;
import io.dpforge.synth.mechanism.DpReleases;
import io.dpforge.synth.mechanism.ExactReleases;
import io.dpforge.synth.mechanism.Measurements;
import io.dpforge.synth.mechanism.PrivateAnswers;
import io.dpforge.synth.mechanism.Releases;
import io.dpforge.synth.query.DomainLayout;
import io.dpforge.synth.query.QuerySet;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadAnswerer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Private-GSD (Liu, Tang, Vietri, Wu, "Generating Private Synthetic Data with Genetic Algorithms",
 * ICML 2023): DP synthetic data that answers a query workload, by a genetic algorithm fitted to noisy
 * answers.
 *
 * <pre>{@code
 * Synthesizer synthesizer = Synthesizer.builder().mode(Mode.ONE_SHOT).syntheticRows(2000).build();
 * SynthesisResult r = synthesizer.fit(table, domain, WorkloadSpec.parse("marginals:2", domain),
 *     PrivacyBudget.of(1.0, 1e-9));
 * }</pre>
 *
 * <p>The loop ({@link #fit(PrivateAnswers, Domain, PrivacyBudget)}) reads top to bottom: release the
 * row count (add/remove only); then per round select query sets (adaptive: noisy top-K of the fit
 * error; one-shot: all), measure them with the Gaussian mechanism, and fit the synthetic rows to every
 * noisy answer so far, warm-starting from the previous round. The private data is touched only through
 * {@link PrivateAnswers} and only by releases that the ledger charged first; after measurement nothing
 * but noisy answers drives the fit.
 */
public final class Synthesizer {
  private final Mode mode;
  private final Neighbours neighbours;
  private final int syntheticRows;
  private final int rounds;
  private final int picks;
  private final GaConfig ga;
  private final Progress.Listener listener;
  private final Randomness noise;
  private final PrivacyLedger ledger;

  private Synthesizer(Builder b) {
    this.mode = b.mode;
    this.neighbours = b.neighbours;
    this.syntheticRows = b.syntheticRows;
    this.rounds = b.rounds;
    this.picks = b.picks;
    this.ga = b.ga;
    this.listener = b.listener;
    this.noise = b.noise;
    this.ledger = b.ledger;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Synthesises from a table held in memory: counts the workload on it, then runs the private loop. */
  public SynthesisResult fit(EncodedTable table, Domain domain, Workload workload, PrivacyBudget budget) {
    if (!table.domain().equals(domain)) {
      throw new InvalidInputException("the table's domain differs from the domain given");
    }
    return fit(PrivateAnswers.of(WorkloadAnswerer.count(workload, table)), domain, budget);
  }

  /**
   * Synthesises from exact workload answers computed elsewhere (e.g. aggregated by a distributed job),
   * so the private rows never need to be in this process.
   */
  public SynthesisResult fit(PrivateAnswers answers, Domain domain, PrivacyBudget budget) {
    long start = System.nanoTime();
    Workload workload = answers.workload();
    DomainLayout layout = workload.layout();
    if (!layout.names().equals(domain.names())) {
      throw new InvalidInputException("the workload's columns " + layout.names() + " differ from the domain's "
          + domain.names());
    }
    Releases releases = releases(budget);
    BudgetPlan plan = BudgetPlan.of(mode, neighbours, budget.rho(), workload.sets(), rounds, picks);
    Measurements measured = new Measurements(workload);
    SplittableRandom random = new SplittableRandom(ga.seed());
    GeneticFitter fitter = new GeneticFitter(ga, listener);
    long fitNanos = 0;

    if (neighbours.publicRowCount()) {
      measured.publicRowCount(answers.rows());
    } else {
      double sigma = plan.rowCountSigma();
      double noisy = releases.gaussian("row count", new long[] {answers.rows()}, 1, sigma)[0];
      measured.noisyRowCount(noisy, sigma);
    }

    SyntheticRows rows = SyntheticRows.uniform(layout, syntheticRows, random);
    List<SynthesisReport.Round> done = new ArrayList<>();
    for (int round = 1; round <= plan.rounds(); round++) {
      int[] chosen = mode == Mode.ONE_SHOT
          ? IntStream.range(0, workload.sets()).toArray()
          : select(answers, measured, rows, plan, releases, round);
      double sigma = plan.measureSigma(neighbours);
      for (int s : chosen) {
        QuerySet q = workload.set(s);
        measured.add(s, releases.gaussian(q.name(), answers.counts(s), neighbours.countSensitivity(), sigma), sigma);
      }
      Measurements.Targets targets = measured.targets();
      long fitStart = System.nanoTime();
      FitOutcome outcome = fitter.fit(new FitState(targets.workload(), targets.fractions(), rows), random, round,
          plan.rounds());
      fitNanos += System.nanoTime() - fitStart;
      done.add(new SynthesisReport.Round(round, names(workload, chosen), outcome));
    }

    long total = System.nanoTime() - start;
    SynthesisReport report = new SynthesisReport(releases.isPrivate(), releases.describe(), mode.label(),
        neighbours.label(), budget.epsilon(), budget.delta(), budget.rho(), releases.rhoSpent(),
        releases.releases(), measured.rows(), neighbours.publicRowCount(), syntheticRows, workload.sets(),
        names(workload, measured.measuredSets()), done, fitToNoisy(workload, measured, rows),
        (total - fitNanos) / 1_000_000L, fitNanos / 1_000_000L, total / 1_000_000L, ga.seed());
    return new SynthesisResult(rows.toTable(domain), report, measured.published());
  }

  /**
   * Where releases go: the test-only exact mode, or dp-core's mechanisms charging the given ledger (or
   * a new one holding exactly this budget).
   */
  private Releases releases(PrivacyBudget budget) {
    if (budget.isExact()) {
      return new ExactReleases();
    }
    PrivacyLedger l = ledger != null ? ledger : PrivacyLedger.builder().budget(Budget.zcdp(budget.rho())).build();
    return new DpReleases(l, noise != null ? noise : Randomness.secure());
  }

  /**
   * The adaptive selection (Liu et al. 2023, ICML code {@code private_select_measure_statistic}, with
   * AIM's score, McKenna et al. 2022, §4): among the sets not yet measured, the K with the largest
   * L1 error of the current synthetic answers minus the error expected from measurement noise alone
   * (cells·σ·√(2/π)), picked by one-shot Gumbel top-K. The score has sensitivity 1 (add/remove) or 2
   * (replace-one) in counts, since N̂ and the synthetic answers are public.
   */
  private int[] select(PrivateAnswers answers, Measurements measured, SyntheticRows rows, BudgetPlan plan,
      Releases releases, int round) {
    Workload workload = answers.workload();
    int[] candidates = IntStream.range(0, workload.sets()).filter(s -> !measured.isMeasured(s)).toArray();
    double[][] synthetic = syntheticFractions(workload, rows, candidates);
    double[] scores = answers.l1Errors(candidates, synthetic, measured.rows());
    double sigma = plan.measureSigma(neighbours);
    for (int k = 0; k < candidates.length; k++) {
      scores[k] -= workload.set(candidates[k]).size() * sigma * Math.sqrt(2 / Math.PI);
    }
    int[] picked = releases.topK("selection of " + plan.picks() + " of " + candidates.length
        + " query sets, round " + round, scores, plan.picks(), neighbours.l1ScoreSensitivity(), plan.selectEpsilon());
    return Arrays.stream(picked).map(k -> candidates[k]).toArray();
  }

  private static double[][] syntheticFractions(Workload workload, SyntheticRows rows, int[] sets) {
    double[][] f = new double[sets.length][];
    for (int k = 0; k < sets.length; k++) {
      f[k] = new double[workload.set(sets[k]).size()];
    }
    double inv = 1.0 / rows.rows();
    for (int r = 0; r < rows.rows(); r++) {
      var view = rows.row(r);
      for (int k = 0; k < sets.length; k++) {
        int cell = workload.set(sets[k]).cell(view);
        if (cell >= 0) {
          f[k][cell] += inv;
        }
      }
    }
    return f;
  }

  private static List<ErrorStats.ClassError> fitToNoisy(Workload workload, Measurements measured,
      SyntheticRows rows) {
    int[] sets = measured.measuredSets();
    double[][] synthetic = syntheticFractions(workload, rows, sets);
    ErrorStats stats = new ErrorStats();
    for (int k = 0; k < sets.length; k++) {
      stats.add(workload.set(sets[k]), measured.fractions(sets[k]), synthetic[k]);
    }
    return stats.result();
  }

  private static List<String> names(Workload workload, int[] sets) {
    return Arrays.stream(sets).mapToObj(s -> workload.set(s).name()).toList();
  }

  /** Settings of a synthesiser; every setter names what it changes. */
  public static final class Builder {
    private Mode mode = Mode.ONE_SHOT;
    private Neighbours neighbours = Neighbours.ADD_REMOVE;
    private int syntheticRows = 2000;
    private int rounds = 10;
    private int picks;
    private GaConfig ga = GaConfig.defaults();
    private Progress.Listener listener = Progress.Listener.none();
    private Randomness noise;
    private PrivacyLedger ledger;

    private Builder() {}

    /**
     * The source of DP noise (default {@link Randomness#secure()}). A seeded source makes the run
     * reproducible and NOT PRIVATE; the report says so.
     */
    public Builder noise(Randomness source) {
      this.noise = source;
      return this;
    }

    /**
     * A ledger to charge (e.g. one persisted to a file by the caller); default: a new ledger holding
     * exactly the run's budget. The run refuses to start a release the ledger would not accept.
     */
    public Builder ledger(PrivacyLedger l) {
      this.ledger = l;
      return this;
    }

    public Builder mode(Mode m) {
      this.mode = m;
      return this;
    }

    public Builder neighbours(Neighbours n) {
      this.neighbours = n;
      return this;
    }

    /** N', the number of synthetic rows (default 2,000, as in the paper's experiments). */
    public Builder syntheticRows(int n) {
      if (n < 1) {
        throw new InvalidInputException("the number of synthetic rows must be at least 1, got " + n);
      }
      this.syntheticRows = n;
      return this;
    }

    /** T, the rounds of the adaptive mode (default 10; clamped so that T·K does not exceed the sets). */
    public Builder rounds(int t) {
      if (t < 1) {
        throw new InvalidInputException("rounds must be at least 1, got " + t);
      }
      this.rounds = t;
      return this;
    }

    /** K, the sets picked per adaptive round (default 0: max(1, sets / (2T))). */
    public Builder picksPerRound(int k) {
      if (k < 0) {
        throw new InvalidInputException("picks per round must be >= 0, got " + k);
      }
      this.picks = k;
      return this;
    }

    public Builder geneticAlgorithm(GaConfig config) {
      this.ga = config;
      return this;
    }

    public Builder progress(Progress.Listener l) {
      this.listener = l;
      return this;
    }

    public Synthesizer build() {
      return new Synthesizer(this);
    }
  }
}
