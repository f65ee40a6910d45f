package io.dpforge.spark.synth;

import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.synth.Mode;
import io.dpforge.synth.Neighbours;
import io.dpforge.synth.PrivacyBudget;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The command-line options of a synthesis run, shared by {@code dpforge synth} and the spark-submit
 * main class {@link SynthJobMain}, so both take exactly the same arguments.
 */
public final class SynthOptions {
  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "The private table: a CSV (header row; .gz and other Hadoop codecs by extension) or Parquet"
          + " file, a directory of such files, or a glob; any Hadoop file system (file:, hdfs:, s3a:, ...).")
  String input;

  @Option(names = "--domain", required = true, paramLabel = "FILE", description = "The public domain spec (JSON).")
  Path domain;

  @Option(names = "--epsilon", required = true, description = "Privacy budget ε (converted to ρ-zCDP with δ).")
  double epsilon;

  @Option(names = "--delta", defaultValue = "1e-9", description = "Privacy budget δ (default: ${DEFAULT-VALUE}).")
  double delta;

  @Option(names = "--workload", defaultValue = "marginals:3", paramLabel = "SPEC",
      description = "Queries to measure: marginals:k, range:k, prefix:k[:n], halfspace[:n] joined by +, or a JSON"
          + " file (default: ${DEFAULT-VALUE}).")
  String workload;

  @Option(names = "--rows", defaultValue = "2000", description = "Rows of the synthetic table, N' (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--mode", defaultValue = "oneshot",
      description = "oneshot (measure every query set once) or adaptive (rounds of private selection of the worst-fit"
          + " sets; scores computed on the cluster) (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--rounds", defaultValue = "10", description = "Rounds T of the adaptive mode (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--neighbours", defaultValue = "add-remove",
      description = "Neighbouring relation of the guarantee: add-remove (row count private) or replace-one (row count"
          + " public) (default: ${DEFAULT-VALUE}).")
  String neighbours;

  @Option(names = "--out", paramLabel = "PATH",
      description = "The synthetic table (default: synthetic.csv, or synthetic.parquet with --format parquet). The"
          + " privacy sidecar goes next to it as PATH.privacy.json.")
  Path out;

  @Option(names = "--format", defaultValue = "csv", description = "Output format: csv or parquet (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write a self-contained HTML report here.")
  Path report;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: the one spark-submit sets, else " + SparkSessions.DEFAULT_MASTER + ", embedded).")
  String master;

  @Option(names = "--seed", description = "Seed of the genetic algorithm (default: random, recorded in the sidecar)."
      + " The DP noise is never seeded by this option, so the run stays private.")
  Long seed;

  @Option(names = "--insecure-seeded-noise",
      description = "NOT PRIVATE, for tests: seed the DP noise with --seed as well, so the run can be repeated"
          + " exactly. Every output then says NOT PRIVATE.")
  boolean insecureSeededNoise;

  @Option(names = "--on-invalid", defaultValue = "error",
      description = "Values outside the domain: error (stop, naming file, line and column), clip or drop"
          + " (default: ${DEFAULT-VALUE}).")
  String onInvalid;

  @Option(names = "--delimiter", defaultValue = ",", description = "CSV field delimiter (default: ${DEFAULT-VALUE};"
      + " '\\t' for tabs).")
  String delimiter;

  @Option(names = "--input-format", defaultValue = "auto",
      description = "auto (Parquet when a file name ends in .parquet), csv or parquet (default: ${DEFAULT-VALUE}).")
  String inputFormat;

  @Option(names = "--partitions", defaultValue = "0",
      description = "Least number of parts a CSV input is read in (default: Spark's).")
  int partitions;

  /** The job these options describe; checks them and the outputs (nothing private is read yet). */
  public SynthJob job(PrintStream progress) {
    OutputFormat f = OutputFormat.parse(format);
    SynthJob.Builder b = SynthJob.builder()
        .input(input)
        .inputFormat(InputFormat.parse(inputFormat))
        .delimiter(delimiterChar())
        .onInvalid(InvalidValuePolicy.parse(onInvalid))
        .minPartitions(partitions)
        .domain(Domain.read(domain))
        .workload(workload)
        .budget(PrivacyBudget.of(epsilon, delta))
        .neighbours(Neighbours.parse(neighbours))
        .mode(Mode.parse(mode))
        .rounds(rounds)
        .syntheticRows(rows)
        .insecureSeededNoise(insecureSeededNoise)
        .output(out != null ? out : Path.of("synthetic." + f.label()))
        .outputFormat(f)
        .report(report)
        .progress(progress);
    if (seed != null) {
      b.seed(seed);
    }
    return b.build();
  }

  /**
   * Runs the job in a session of its own (closed at the end), prints the summary on {@code human} and
   * progress on {@code progress}, and returns the fields of the JSON result.
   */
  public Map<String, Object> run(PrintStream human, PrintStream progress) {
    SynthJob job = job(progress);
    if (insecureSeededNoise) {
      progress.println("WARNING: --insecure-seeded-noise: the noise is seeded; NOTHING this run writes is private.");
    }
    SparkSession spark = SparkSessions.open(master, "dpforge synth");
    try {
      SynthJobResult result = job.run(spark);
      result.print(human);
      return result.toJson();
    } finally {
      spark.stop();
    }
  }

  private char delimiterChar() {
    String d = "\\t".equals(delimiter) ? "\t" : delimiter;
    if (d.length() != 1) {
      throw new InvalidInputException("--delimiter must be one character, got '" + delimiter + "'");
    }
    return d.charAt(0);
  }
}
