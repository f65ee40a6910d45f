package io.dpforge.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/dpforge} (or another command) from the repository root as a separate process. */
final class Launcher {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Result(int exitCode, String out, String err) {
    /** The last line of stdout as JSON (what {@code --json} promises). */
    com.fasterxml.jackson.databind.JsonNode json() throws IOException {
      String[] lines = out.strip().split("\n");
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[lines.length - 1]);
    }
  }

  private Launcher() {}

  static Result run(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("bin/dpforge").toString());
    cmd.addAll(args);
    return exec(cmd);
  }

  /** Runs {@code cmd} in the repository root with this JVM's Java and Spark on loopback. */
  static Result exec(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(cmd + " did not finish in 5 minutes");
    }
    return new Result(p.exitValue(), out.join(), err.join());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
