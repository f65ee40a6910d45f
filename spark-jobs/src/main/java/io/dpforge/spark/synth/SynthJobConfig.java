package io.dpforge.spark.synth;

import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.synth.Mode;
import io.dpforge.synth.Neighbours;
import io.dpforge.synth.PrivacyBudget;
import java.nio.file.Path;

/**
 * Everything a synthesis run is told (built by {@link SynthJob#builder()}).
 *
 * @param input the private table: a file, a directory of data files or a glob, on any Hadoop file system
 * @param inputFormat CSV, Parquet, or decided from the file names
 * @param delimiter CSV field delimiter
 * @param onInvalid what to do with a value outside the domain
 * @param minPartitions least number of parts a CSV input is read in (0: Spark's default)
 * @param domain the public domain
 * @param workload the workload spec ({@code marginals:3}, ... or a JSON file)
 * @param budget the privacy budget
 * @param neighbours the neighbouring relation the guarantee is stated for
 * @param mode one-shot or adaptive measurement
 * @param rounds T, rounds of the adaptive mode
 * @param syntheticRows N', rows of the synthetic table
 * @param gaSeed seed of the genetic algorithm (post-processing: seeding it does not weaken privacy)
 * @param seededNoise NOT PRIVATE: seed the DP noise with {@code gaSeed} too, for reproducible tests
 * @param output the synthetic table
 * @param outputFormat CSV or Parquet
 * @param report the HTML report, or null for none
 */
public record SynthJobConfig(String input, InputFormat inputFormat, char delimiter, InvalidValuePolicy onInvalid,
    int minPartitions, Domain domain, String workload, PrivacyBudget budget, Neighbours neighbours, Mode mode,
    int rounds, int syntheticRows, long gaSeed, boolean seededNoise, Path output, OutputFormat outputFormat,
    Path report) {

  /** The privacy sidecar: the output's name with {@code .privacy.json} appended. */
  public Path sidecar() {
    return output.resolveSibling(output.getFileName() + ".privacy.json");
  }
}
