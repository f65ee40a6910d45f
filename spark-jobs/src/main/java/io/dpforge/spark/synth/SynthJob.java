package io.dpforge.spark.synth;

import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.dp.io.AtomicFiles;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import io.dpforge.spark.synth.report.HtmlReport;
import io.dpforge.synth.Mode;
import io.dpforge.synth.Neighbours;
import io.dpforge.synth.PrivacyBudget;
import io.dpforge.synth.SynthesisResult;
import io.dpforge.synth.Synthesizer;
import io.dpforge.synth.ga.GaConfig;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Private-GSD on Spark: turns a sensitive table into a differentially private synthetic one.
 *
 * <pre>{@code
 * SynthJobResult r = SynthJob.builder()
 *     .input("hdfs:///data/people.csv").domain(Domain.read(Path.of("domain.json")))
 *     .workload("marginals:3").budget(PrivacyBudget.of(1.0, 1e-9))
 *     .output(Path.of("synthetic.csv")).report(Path.of("report.html"))
 *     .build()                     // checks the outputs can be written, before any private data is read
 *     .run(spark);
 * }</pre>
 *
 * <p>The private data is touched only by Spark tasks, in one pass ({@link MeasurementPass}): read,
 * validate against the public domain, encode, and count every workload answer per part, merged by tree
 * aggregation. The driver then runs the synth engine ({@link Synthesizer#fit(
 * io.dpforge.synth.mechanism.PrivateAnswers, Domain, PrivacyBudget)}): Gaussian measurements charged to
 * the budget ledger first, and the genetic algorithm fitted to the noisy answers only. In adaptive mode
 * the selection scores of each round are computed on the executors ({@link DistributedAnswers}).
 * Outputs (synthetic table, privacy sidecar, HTML report) are written under temporary names and moved
 * into place together.
 */
public final class SynthJob {
  private final SynthJobConfig config;
  private final Workload workload;
  private final PrintStream progress;

  private SynthJob(SynthJobConfig config, Workload workload, PrintStream progress) {
    this.config = config;
    this.workload = workload;
    this.progress = progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  public SynthJobConfig config() {
    return config;
  }

  public Workload workload() {
    return workload;
  }

  /** Runs the job on {@code spark}; the session is left open. */
  public SynthJobResult run(SparkSession spark) {
    long start = System.nanoTime();
    ProgressLine line = progress == null ? ProgressLine.silent() : new ProgressLine(progress);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TableSource source = open(spark, jsc);

    MeasurementPass.Measured measured;
    try (StageProgress stages = StageProgress.start(jsc, line, "reading, validating and counting")) {
      measured = config.mode() == Mode.ADAPTIVE
          ? MeasurementPass.onCluster(jsc, source, workload, config.onInvalid())
          : MeasurementPass.toDriver(jsc, source, workload, config.onInvalid());
      stages.succeeded();
    }
    long passMillis = (System.nanoTime() - start) / 1_000_000L;

    try (measured) {
      PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.zcdp(config.budget().rho())).build();
      SynthesisResult synthesis = synthesizer(ledger, line).fit(measured.answers(), config.domain(), config.budget());
      long writeStart = System.nanoTime();
      List<Path> written = write(spark, synthesis, ledger);
      long end = System.nanoTime();
      return new SynthJobResult(config, workload, synthesis, ledger.entries(), measured.input(),
          new SynthJobResult.Timings(passMillis, synthesis.report().totalMillis(), (end - writeStart) / 1_000_000L,
              (end - start) / 1_000_000L),
          spark.sparkContext().master(), written);
    }
  }

  private TableSource open(SparkSession spark, JavaSparkContext jsc) {
    InputFiles files = InputFiles.resolve(config.input(), jsc.hadoopConfiguration());
    return config.inputFormat().resolve(files.files()) == InputFormat.PARQUET
        ? ParquetSource.open(spark, files, config.domain(), config.onInvalid())
        : CsvSource.open(jsc, files, config.domain(), config.delimiter(), config.onInvalid(), config.minPartitions());
  }

  private Synthesizer synthesizer(PrivacyLedger ledger, ProgressLine line) {
    return Synthesizer.builder()
        .mode(config.mode())
        .neighbours(config.neighbours())
        .syntheticRows(config.syntheticRows())
        .rounds(config.rounds())
        .geneticAlgorithm(GaConfig.defaults().withSeed(config.gaSeed()))
        .noise(config.seededNoise() ? Randomness.seededNotPrivate(config.gaSeed()) : Randomness.secure())
        .ledger(ledger)
        .progress(new FitProgress(line))
        .build();
  }

  /** Stages the sidecar, the report and the table, then moves them into place (table last). */
  private List<Path> write(SparkSession spark, SynthesisResult synthesis, PrivacyLedger ledger) {
    List<Path> written = new ArrayList<>();
    try (OutputTargets out = OutputTargets.begin()) {
      AtomicFiles.writeString(out.stage(config.sidecar()), PrivacySidecar.json(config, workload, synthesis.report(),
          ledger.entries(), synthesis.synthetic().rows()));
      written.add(config.sidecar());
      if (config.report() != null) {
        AtomicFiles.writeString(out.stage(config.report()), HtmlReport.render(config, workload, synthesis,
            ledger.entries()));
        written.add(config.report());
      }
      SyntheticWriter.write(synthesis.synthetic(), config.outputFormat(), out.stage(config.output()), spark);
      written.add(config.output());
      out.commit();
    }
    return written;
  }

  /** Settings of a run; {@link #build} checks them, a local input's headers and the outputs before Spark starts. */
  public static final class Builder {
    private String input;
    private InputFormat inputFormat = InputFormat.AUTO;
    private char delimiter = ',';
    private InvalidValuePolicy onInvalid = InvalidValuePolicy.ERROR;
    private int minPartitions;
    private Domain domain;
    private String workload = "marginals:3";
    private PrivacyBudget budget;
    private Neighbours neighbours = Neighbours.ADD_REMOVE;
    private Mode mode = Mode.ONE_SHOT;
    private int rounds = 10;
    private int syntheticRows = 2000;
    private Long gaSeed;
    private boolean seededNoise;
    private Path output = Path.of("synthetic.csv");
    private OutputFormat outputFormat = OutputFormat.CSV;
    private Path report;
    private PrintStream progress;

    private Builder() {}

    /** The private table: a file, a directory of data files or a glob (required). */
    public Builder input(String path) {
      this.input = path;
      return this;
    }

    public Builder inputFormat(InputFormat f) {
      this.inputFormat = f;
      return this;
    }

    public Builder delimiter(char d) {
      this.delimiter = d;
      return this;
    }

    public Builder onInvalid(InvalidValuePolicy p) {
      this.onInvalid = p;
      return this;
    }

    /** Least number of parts a CSV input is read in (default: Spark's). */
    public Builder minPartitions(int n) {
      this.minPartitions = n;
      return this;
    }

    /** The public domain (required). */
    public Builder domain(Domain d) {
      this.domain = d;
      return this;
    }

    /** The workload spec or JSON file (default {@code marginals:3}). */
    public Builder workload(String spec) {
      this.workload = spec;
      return this;
    }

    /** The privacy budget (required). */
    public Builder budget(PrivacyBudget b) {
      this.budget = b;
      return this;
    }

    public Builder neighbours(Neighbours n) {
      this.neighbours = n;
      return this;
    }

    public Builder mode(Mode m) {
      this.mode = m;
      return this;
    }

    /** T, rounds of the adaptive mode (default 10). */
    public Builder rounds(int t) {
      this.rounds = t;
      return this;
    }

    /** N', rows of the synthetic table (default 2,000). */
    public Builder syntheticRows(int n) {
      this.syntheticRows = n;
      return this;
    }

    /** Seed of the genetic algorithm (default: drawn at random and recorded in the sidecar). */
    public Builder seed(long s) {
      this.gaSeed = s;
      return this;
    }

    /**
     * NOT PRIVATE: seeds the DP noise with the seed as well, so a run can be repeated exactly (tests).
     * Every output of such a run says "NOT PRIVATE".
     */
    public Builder insecureSeededNoise(boolean on) {
      this.seededNoise = on;
      return this;
    }

    /** The synthetic table (default {@code synthetic.csv}). */
    public Builder output(Path p) {
      this.output = p;
      return this;
    }

    public Builder outputFormat(OutputFormat f) {
      this.outputFormat = f;
      return this;
    }

    /** Also write the HTML report here. */
    public Builder report(Path p) {
      this.report = p;
      return this;
    }

    /** Where progress goes (stderr in the command); null (the default) draws none. */
    public Builder progress(PrintStream p) {
      this.progress = p;
      return this;
    }

    public SynthJob build() {
      if (input == null || domain == null || budget == null) {
        throw new IllegalStateException("a synthesis job needs an input, a domain and a budget");
      }
      if (budget.isExact()) {
        throw new InvalidInputException("a synthesis job needs a finite privacy budget");
      }
      if (seededNoise && gaSeed == null) {
        throw new InvalidInputException("--insecure-seeded-noise needs --seed (the seed of the noise)");
      }
      if (syntheticRows < 1 || rounds < 1) {
        throw new InvalidInputException("--rows and --rounds must be at least 1");
      }
      Workload w = WorkloadSpec.parse(workload, domain);
      checkLocalInput();
      long seed = gaSeed != null ? gaSeed : new SecureRandom().nextLong();
      SynthJobConfig config = new SynthJobConfig(input, inputFormat, delimiter, onInvalid, minPartitions, domain,
          workload, budget, neighbours, mode, rounds, syntheticRows, seed, seededNoise, output, outputFormat, report);
      List<Path> targets = new ArrayList<>(List.of(output, config.sidecar()));
      List<Boolean> directories = new ArrayList<>(List.of(outputFormat == OutputFormat.PARQUET, false));
      if (report != null) {
        targets.add(report);
        directories.add(false);
      }
      OutputTargets.check(targets, directories);
      return new SynthJob(config, w, progress);
    }

    /**
     * For an input on the local file system: that it exists and that every CSV header matches the
     * domain, so these mistakes are reported at once rather than after Spark has started. The run
     * checks again with Spark's own file-system settings.
     */
    private void checkLocalInput() {
      if (!InputFiles.isLocal(input)) {
        return;
      }
      Configuration local = new Configuration();
      InputFiles files = InputFiles.resolve(input, local);
      if (inputFormat.resolve(files.files()) == InputFormat.CSV) {
        CsvSource.encoders(local, files, domain, delimiter, onInvalid);
      }
    }
  }
}
