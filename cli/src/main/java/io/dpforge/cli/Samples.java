package io.dpforge.cli;

import io.dpforge.dp.data.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the bundled sample data: in the distribution ({@code dpforge.home}) or the source tree. */
public final class Samples {
  /** The sample that {@code dpforge demo} runs on. */
  public static final String CPS1988 = "cps1988";

  private Samples() {}

  /** The folder of the named sample, holding its CSV and {@code domain.json}. */
  public static Path folder(String name) {
    String home = System.getProperty("dpforge.home");
    List<Path> candidates = home != null
        ? List.of(Path.of(home, "samples", name))
        : List.of(Path.of("samples", name), Path.of("..", "samples", name));
    for (Path p : candidates) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new InvalidInputException("bundled sample '" + name + "' not found (looked in " + candidates + ")");
  }

  public static Path csv(String name) {
    return folder(name).resolve(name + ".csv");
  }

  public static Path domain(String name) {
    return folder(name).resolve("domain.json");
  }
}
