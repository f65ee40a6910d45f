package io.dpforge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthesis job under spark-submit: {@code org.apache.spark.deploy.SparkSubmit} (what the
 * {@code spark-submit} script runs) with Spark's jars on the class path, and the job jar of spark-jobs
 * (Spark provided, dpforge and its other dependencies inside) as the application.
 */
class SparkSubmitTest {
  private static final Path DIST = Launcher.ROOT.resolve("cli/target/dpforge");

  private static Path jobJar() throws IOException {
    try (Stream<Path> jars = Files.list(Launcher.ROOT.resolve("spark-jobs/target"))) {
      return jars.filter(p -> p.getFileName().toString().endsWith("-job.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("spark-jobs/target/*-job.jar not built"));
    }
  }

  @Test
  void theJobJarCarriesDpforgeButNotSpark() throws IOException {
    try (JarFile jar = new JarFile(jobJar().toFile())) {
      for (String c : List.of("io/dpforge/spark/synth/SynthJobMain.class", "io/dpforge/synth/Synthesizer.class",
          "io/dpforge/dp/data/RowEncoder.class", "picocli/CommandLine.class", "org/apache/commons/csv/CSVParser.class")) {
        assertTrue(jar.getEntry(c) != null, c);
      }
      assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("org/apache/spark/")), "Spark is provided");
    }
  }

  @Test
  void theJobRunsUnderSparkSubmit(@TempDir Path dir) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(Files.readString(DIST.resolve("jvm.options")).trim().split("\\s+")));
    cmd.add("-cp");
    cmd.add(sparkClassPath());
    cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
        "--conf", "spark.ui.enabled=false", "--class", "io.dpforge.spark.synth.SynthJobMain", jobJar().toString(),
        "--input", "samples/cps1988/cps1988.csv", "--domain", "samples/cps1988/domain.json", "--epsilon", "1",
        "--workload", "marginals:2", "--rows", "500", "--out", dir.resolve("s.csv").toString(), "--json"));
    Launcher.Result r = Launcher.exec(cmd);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.json().get("private").asBoolean());
    assertEquals("local[2]", r.json().get("spark_master").asText(), "the master comes from spark-submit");
    assertTrue(Files.isRegularFile(dir.resolve("s.csv")));
    assertTrue(Files.isRegularFile(dir.resolve("s.csv.privacy.json")));
  }

  /**
   * Spark's jars from the distribution: everything but dpforge's modules and the libraries that only
   * the job jar brings (so the run proves the job jar carries them).
   */
  private static String sparkClassPath() throws IOException {
    try (Stream<Path> jars = Files.list(DIST.resolve("lib"))) {
      return String.join(java.io.File.pathSeparator, jars.map(Path::toString)
          .filter(p -> !p.matches(".*/(dp-core|synth|spark-jobs|cli|client-sdk|federated|decentralized|picocli"
              + "|hipparchus-core|commons-csv)-[0-9].*"))
          .toList());
    }
  }
}
