package io.dpforge.synth.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Parses a workload spec into a {@link Workload}. A spec is either terms joined by {@code +}:
 *
 * <ul>
 *   <li>{@code marginals:k}: every k-way marginal over all columns (numeric columns at their bins);
 *   <li>{@code range:k}: every k-column set holding a numeric column, with its numeric columns at the
 *       bins grouped by 1, 2 and 4 (one query set per level; Private-GSD HEAD's tree depth 3);
 *   <li>{@code prefix:k[:count]}: {@code count} (default 100) prefix query sets, each over k random
 *       numeric columns with thresholds drawn uniformly inside the public bounds, crossed with one
 *       random discrete column;
 *   <li>{@code halfspace[:count]}: {@code count} (default 100) halfspace query sets with Gaussian
 *       weights over the scaled row, through a uniformly random point of the domain, crossed with one
 *       random discrete column;
 * </ul>
 *
 * or the path of a JSON file:
 *
 * <pre>{@code
 * {"seed": 0, "query_sets": [
 *   {"type": "spec", "spec": "marginals:2"},
 *   {"type": "marginal", "columns": ["region", "wage"], "levels": {"wage": 1}},
 *   {"type": "prefix", "categorical": "region", "thresholds": {"wage": 500, "experience": 20}},
 *   {"type": "halfspace", "categorical": "smsa", "weights": {"wage": 1.5, "region": [0, 1, -1, 0.5]},
 *    "offset": 0.2}
 * ]}
 * }</pre>
 *
 * Random queries come from a {@link SplittableRandom} with the spec's seed (default 0): the workload
 * is public and never depends on the data.
 */
public final class WorkloadSpec {
  /** Number of random prefix or halfspace sets when a term does not say. */
  public static final int DEFAULT_RANDOM_SETS = 100;
  /** Levels of {@code range:k}: bins grouped by 1, 2 and 4. */
  public static final int RANGE_LEVELS = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  private WorkloadSpec() {}

  /** Parses a spec string or reads a JSON spec file (a spec ending in {@code .json}). */
  public static Workload parse(String spec, Domain domain) {
    DomainLayout layout = DomainLayout.of(domain);
    if (spec == null || spec.isBlank()) {
      throw new InvalidInputException("empty workload spec (expected e.g. marginals:2 or a JSON file)");
    }
    if (spec.trim().endsWith(".json")) {
      return readJson(Path.of(spec.trim()), layout);
    }
    return new Workload(layout, terms(spec.trim(), layout, new SplittableRandom(0), "workload spec"));
  }

  private static List<QuerySet> terms(String spec, DomainLayout layout, SplittableRandom random, String where) {
    List<QuerySet> sets = new ArrayList<>();
    for (String term : spec.split("\\+")) {
      sets.addAll(term(term.trim(), layout, random, where));
    }
    return sets;
  }

  private static List<QuerySet> term(String term, DomainLayout layout, SplittableRandom random, String where) {
    String[] parts = term.split(":");
    String kind = parts[0];
    String usage = where + ": bad term '" + term + "' (expected marginals:k, range:k, prefix:k[:count] or"
        + " halfspace[:count])";
    switch (kind) {
      case "marginals":
        return allMarginals(layout, intPart(parts, 1, -1, usage), false);
      case "range":
        return allMarginals(layout, intPart(parts, 1, -1, usage), true);
      case "prefix":
        return randomPrefixes(layout, intPart(parts, 1, -1, usage), intPart(parts, 2, DEFAULT_RANDOM_SETS, usage),
            random, where);
      case "halfspace":
        return randomHalfspaces(layout, intPart(parts, 1, DEFAULT_RANDOM_SETS, usage), random, where);
      default:
        throw new InvalidInputException(usage);
    }
  }

  private static int intPart(String[] parts, int i, int dflt, String usage) {
    if (parts.length <= i) {
      if (dflt < 0) {
        throw new InvalidInputException(usage);
      }
      return dflt;
    }
    if (parts.length > 3) {
      throw new InvalidInputException(usage);
    }
    try {
      int v = Integer.parseInt(parts[i]);
      if (v < 1) {
        throw new InvalidInputException(usage + ": numbers must be at least 1");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(usage);
    }
  }

  /** Every k-way marginal; with {@code range}, only sets holding a numeric column, at each level. */
  static List<QuerySet> allMarginals(DomainLayout layout, int k, boolean range) {
    int d = layout.columns();
    if (k > d) {
      throw new InvalidInputException("cannot take " + k + "-way marginals of " + d + " columns");
    }
    List<QuerySet> sets = new ArrayList<>();
    int[] cols = new int[k];
    for (int i = 0; i < k; i++) {
      cols[i] = i;
    }
    while (true) {
      if (!range) {
        sets.add(Marginal.of(layout, cols));
      } else {
        sets.addAll(rangeLevels(layout, cols));
      }
      int i = k - 1;
      while (i >= 0 && cols[i] == d - k + i) {
        i--;
      }
      if (i < 0) {
        return sets;
      }
      cols[i]++;
      for (int j = i + 1; j < k; j++) {
        cols[j] = cols[j - 1] + 1;
      }
    }
  }

  private static List<QuerySet> rangeLevels(DomainLayout layout, int[] cols) {
    List<QuerySet> sets = new ArrayList<>();
    boolean numeric = false;
    for (int c : cols) {
      numeric |= layout.isNumeric(c);
    }
    if (!numeric) {
      return sets;
    }
    for (int level = 0; level < RANGE_LEVELS; level++) {
      int[] levels = new int[cols.length];
      boolean coarser = level == 0;
      for (int k = 0; k < cols.length; k++) {
        if (layout.isNumeric(cols[k])) {
          // A level that leaves a column with one cell says nothing about it: stop grouping there.
          int l = Math.min(level, maxUsefulLevel(layout.codes(cols[k])));
          levels[k] = l;
          coarser |= l == level;
        }
      }
      if (coarser) {
        sets.add(Marginal.atLevels(layout, cols, levels));
      }
    }
    return sets;
  }

  private static int maxUsefulLevel(int codes) {
    int level = 0;
    while (((codes + (1 << (level + 1)) - 1) >> (level + 1)) >= 2) {
      level++;
    }
    return level;
  }

  private static List<QuerySet> randomPrefixes(DomainLayout layout, int k, int count, SplittableRandom random,
      String where) {
    int[] numeric = columnsWhere(layout, true);
    int[] discrete = columnsWhere(layout, false);
    if (numeric.length < k) {
      throw new InvalidInputException(where + ": prefix:" + k + " needs " + k + " numeric columns, the domain has "
          + numeric.length);
    }
    List<QuerySet> sets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int[] picked = pick(numeric, k, random);
      double[] t = new double[k];
      for (int j = 0; j < k; j++) {
        t[j] = layout.min(picked[j]) + random.nextDouble() * (layout.max(picked[j]) - layout.min(picked[j]));
      }
      int cat = discrete.length == 0 ? -1 : discrete[random.nextInt(discrete.length)];
      sets.add(new PrefixQueries(layout, cat, picked, t));
    }
    return sets;
  }

  private static List<QuerySet> randomHalfspaces(DomainLayout layout, int count, SplittableRandom random,
      String where) {
    int[] discrete = columnsWhere(layout, false);
    List<QuerySet> sets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[][] w = new double[layout.columns()][];
      double offset = 0;
      for (int c = 0; c < layout.columns(); c++) {
        w[c] = new double[layout.isNumeric(c) ? 1 : layout.codes(c)];
        for (int j = 0; j < w[c].length; j++) {
          w[c][j] = random.nextGaussian();
        }
        // The offset puts the boundary through a uniformly random point of the domain.
        offset += layout.isNumeric(c) ? w[c][0] * random.nextDouble() : w[c][random.nextInt(w[c].length)];
      }
      int cat = discrete.length == 0 ? -1 : discrete[random.nextInt(discrete.length)];
      sets.add(new HalfspaceQueries(layout, cat, w, offset, "h" + i));
    }
    return sets;
  }

  private static int[] columnsWhere(DomainLayout layout, boolean numeric) {
    return java.util.stream.IntStream.range(0, layout.columns())
        .filter(c -> layout.isNumeric(c) == numeric).toArray();
  }

  /** {@code k} distinct entries of {@code from}, sorted. */
  private static int[] pick(int[] from, int k, SplittableRandom random) {
    int[] a = from.clone();
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(a.length - i);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    int[] out = java.util.Arrays.copyOf(a, k);
    java.util.Arrays.sort(out);
    return out;
  }

  private static Workload readJson(Path file, DomainLayout layout) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new InvalidInputException(file + (loc == null ? "" : " line " + loc.getLineNr()) + ": malformed JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read workload file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.path("query_sets").isArray()) {
      throw new InvalidInputException(file + ": expected an object with a 'query_sets' array");
    }
    SplittableRandom random = new SplittableRandom(root.path("seed").asLong(0));
    List<QuerySet> sets = new ArrayList<>();
    int i = 0;
    for (JsonNode q : root.get("query_sets")) {
      String where = file + ": query_sets[" + i++ + "]";
      try {
        sets.addAll(querySet(q, layout, random, where));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(where + ": " + e.getMessage(), e);
      }
    }
    return new Workload(layout, sets);
  }

  private static List<QuerySet> querySet(JsonNode q, DomainLayout layout, SplittableRandom random, String where) {
    String type = q.path("type").asText("");
    switch (type) {
      case "spec":
        return terms(q.path("spec").asText(""), layout, random, where);
      case "marginal": {
        JsonNode names = q.path("columns");
        if (!names.isArray() || names.isEmpty()) {
          throw new InvalidInputException(where + ": 'columns' must list column names");
        }
        int[] cols = new int[names.size()];
        for (int k = 0; k < cols.length; k++) {
          cols[k] = column(layout, names.get(k).asText(), where);
        }
        java.util.Arrays.sort(cols);
        int[] levels = new int[cols.length];
        for (Iterator<Map.Entry<String, JsonNode>> it = q.path("levels").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          int c = column(layout, e.getKey(), where);
          int k = java.util.Arrays.binarySearch(cols, c);
          if (k < 0 || !e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
            throw new InvalidInputException(where + ": 'levels' must map a listed numeric column to a level >= 0");
          }
          levels[k] = e.getValue().asInt();
        }
        return List.of(Marginal.atLevels(layout, cols, levels));
      }
      case "prefix": {
        int cat = optionalColumn(layout, q, where);
        List<Integer> numeric = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = q.path("thresholds").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!e.getValue().isNumber()) {
            throw new InvalidInputException(where + ": threshold of '" + e.getKey() + "' must be a number");
          }
          numeric.add(column(layout, e.getKey(), where));
          thresholds.add(e.getValue().asDouble());
        }
        if (numeric.isEmpty()) {
          throw new InvalidInputException(where + ": 'thresholds' must map numeric columns to thresholds");
        }
        return List.of(new PrefixQueries(layout, cat, numeric.stream().mapToInt(Integer::intValue).toArray(),
            thresholds.stream().mapToDouble(Double::doubleValue).toArray()));
      }
      case "halfspace": {
        int cat = optionalColumn(layout, q, where);
        double[][] w = new double[layout.columns()][];
        for (Iterator<Map.Entry<String, JsonNode>> it = q.path("weights").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          int c = column(layout, e.getKey(), where);
          JsonNode v = e.getValue();
          if (v.isNumber()) {
            w[c] = new double[] {v.asDouble()};
          } else if (v.isArray()) {
            w[c] = new double[v.size()];
            for (int j = 0; j < v.size(); j++) {
              w[c][j] = v.get(j).asDouble();
            }
          } else {
            throw new InvalidInputException(where + ": weight of '" + e.getKey() + "' must be a number or a list");
          }
        }
        if (!q.path("offset").isNumber()) {
          throw new InvalidInputException(where + ": 'offset' must be a number");
        }
        return List.of(new HalfspaceQueries(layout, cat, w, q.path("offset").asDouble(), "q" + where.substring(where.lastIndexOf('[') + 1, where.length() - 1)));
      }
      default:
        throw new InvalidInputException(where + ": unknown type '" + type
            + "' (expected spec, marginal, prefix or halfspace)");
    }
  }

  private static int optionalColumn(DomainLayout layout, JsonNode q, String where) {
    return q.hasNonNull("categorical") ? column(layout, q.get("categorical").asText(), where) : -1;
  }

  private static int column(DomainLayout layout, String name, String where) {
    try {
      return layout.indexOf(name);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where + ": " + e.getMessage(), e);
    }
  }
}
