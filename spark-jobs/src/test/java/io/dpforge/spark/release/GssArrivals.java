package io.dpforge.spark.release;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/** The GSS arrivals stream of the test resources (see its README): lines by survey year. */
final class GssArrivals {
  static final String HEADER = "respondent,age,time";
  /** Survey year → its event lines (without header). */
  final TreeMap<Integer, List<String>> byYear = new TreeMap<>();

  static GssArrivals load() {
    GssArrivals g = new GssArrivals();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        GssArrivals.class.getResourceAsStream("gss-age-arrivals.csv.gz")), StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (!HEADER.equals(header)) {
        throw new IllegalStateException("unexpected header " + header);
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int year = Integer.parseInt(line.substring(line.lastIndexOf(',') + 1, line.lastIndexOf(',') + 5));
        g.byYear.computeIfAbsent(year, y -> new ArrayList<>()).add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return g;
  }

  /** Writes one CSV file per survey year in [from, to] into {@code dir}, modified in year order (arrival order). */
  void writeYears(Path dir, int from, int to) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<Integer, List<String>> e : byYear.subMap(from, true, to, true).entrySet()) {
      List<String> lines = new ArrayList<>();
      lines.add(HEADER);
      lines.addAll(e.getValue());
      Path file = dir.resolve("gss-" + e.getKey() + ".csv");
      Files.write(file, lines, StandardCharsets.UTF_8);
      Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L + e.getKey() * 1000L));
    }
  }

  /** Events of (age, year). */
  long count(int age, int year) {
    String suffix = "," + age + "," + year + "-07-01";
    return byYear.getOrDefault(year, List.of()).stream().filter(l -> l.endsWith(suffix)).count();
  }
}
