package io.dpforge.dp.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The ledger's JSON file: written atomically, read back with errors that name the field. */
final class LedgerFile {
  static final String FORMAT = "dpforge-privacy-ledger";
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  record Contents(Budget budget, List<LedgerEntry> entries) {}

  private LedgerFile() {}

  static void write(Path file, Budget budget, List<LedgerEntry> entries, RdpCurve total) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    ObjectNode b = root.putObject("budget");
    if (budget instanceof Budget.Rho r) {
      b.put("kind", "zcdp");
      b.put("rho", r.rho());
    } else if (budget instanceof Budget.EpsilonDelta ed) {
      b.put("kind", "approx_dp");
      b.put("epsilon", ed.epsilon());
      b.put("delta", ed.delta());
    }
    root.put("spent", budget.spent(total));
    root.put("remaining", Math.max(0, budget.limit() - budget.spent(total)));
    boolean allPrivate = entries.stream().allMatch(LedgerEntry::privateRandomness);
    root.put("randomness", allPrivate ? "private" : "NOT PRIVATE: some releases used seeded randomness");
    ArrayNode list = root.putArray("entries");
    for (LedgerEntry e : entries) {
      ObjectNode n = list.addObject();
      n.put("sequence", e.sequence());
      n.put("time", e.time().toString());
      n.put("mechanism", e.mechanism());
      n.put("released", e.released());
      putNumber(n, "sensitivity", e.sensitivity());
      putNumber(n, "noise_scale", e.noiseScale());
      writeCost(n.putObject("cost"), e.cost());
      n.put("randomness", e.randomness());
      n.put("private_randomness", e.privateRandomness());
    }
    AtomicFiles.write(file, out -> JSON.writeValue(out, root));
  }

  static Contents read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidInputException(file + ": not a readable privacy ledger JSON file: " + e.getMessage(), e);
    }
    Reader r = new Reader(file);
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw new InvalidInputException(file + ": field 'format': expected \"" + FORMAT + "\"");
    }
    if (root.path("version").asInt(-1) != VERSION) {
      throw new InvalidInputException(file + ": field 'version': expected " + VERSION + ", got " + root.path("version"));
    }
    Budget budget = r.budget(root.path("budget"));
    List<LedgerEntry> entries = new ArrayList<>();
    JsonNode list = root.path("entries");
    if (!list.isArray()) {
      throw new InvalidInputException(file + ": field 'entries': expected an array");
    }
    for (int i = 0; i < list.size(); i++) {
      entries.add(r.entry(list.get(i), "entries[" + i + "]", i + 1));
    }
    return new Contents(budget, entries);
  }

  private static void putNumber(ObjectNode n, String field, double value) {
    if (Double.isNaN(value)) {
      n.putNull(field);
    } else {
      n.put(field, value);
    }
  }

  private static void writeCost(ObjectNode n, RdpCurve cost) {
    n.put("rho", cost.rho());
    if (cost.isGaussian()) {
      n.put("gaussian", true);
    }
    if (!cost.isZcdp()) {
      ArrayNode orders = n.putArray("orders");
      for (double a : cost.orders()) {
        orders.add(a);
      }
      ArrayNode values = n.putArray("rdp");
      for (double v : cost.tabulatedValues()) {
        if (Double.isInfinite(v)) {
          values.add("Infinity");
        } else {
          values.add(v);
        }
      }
    }
  }

  /** Reads fields, naming the file and field in every error. */
  private record Reader(Path file) {
    Budget budget(JsonNode n) {
      String kind = n.path("kind").asText();
      try {
        return switch (kind) {
          case "zcdp" -> Budget.zcdp(number(n, "budget.rho", "rho"));
          case "approx_dp" -> Budget.approxDp(number(n, "budget.epsilon", "epsilon"), number(n, "budget.delta", "delta"));
          default -> throw bad("budget.kind", "\"zcdp\" or \"approx_dp\"", n.path("kind"));
        };
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(file + ": field 'budget': " + e.getMessage(), e);
      }
    }

    LedgerEntry entry(JsonNode n, String at, long expectedSequence) {
      long sequence = n.path("sequence").asLong(-1);
      if (sequence != expectedSequence) {
        throw bad(at + ".sequence", String.valueOf(expectedSequence), n.path("sequence"));
      }
      Instant time;
      try {
        time = Instant.parse(n.path("time").asText());
      } catch (DateTimeParseException e) {
        throw bad(at + ".time", "an ISO-8601 instant", n.path("time"));
      }
      RdpCurve cost = cost(n.path("cost"), at + ".cost");
      JsonNode priv = n.path("private_randomness");
      if (!priv.isBoolean()) {
        throw bad(at + ".private_randomness", "true or false", priv);
      }
      return new LedgerEntry(sequence, time, text(n, at, "mechanism"), text(n, at, "released"),
          optionalNumber(n, at, "sensitivity"), optionalNumber(n, at, "noise_scale"), cost,
          text(n, at, "randomness"), priv.booleanValue());
    }

    private RdpCurve cost(JsonNode n, String at) {
      double rho = number(n, at + ".rho", "rho");
      try {
        RdpCurve zcdp = n.path("gaussian").asBoolean(false) ? RdpCurve.gaussianWithRho(rho) : RdpCurve.zcdp(rho);
        if (!n.has("orders")) {
          return zcdp;
        }
        JsonNode orders = n.path("orders");
        JsonNode values = n.path("rdp");
        if (!orders.isArray() || !values.isArray()) {
          throw bad(at, "arrays 'orders' and 'rdp'", n);
        }
        double[] o = new double[orders.size()];
        double[] v = new double[values.size()];
        for (int i = 0; i < o.length; i++) {
          o[i] = orders.get(i).asDouble();
        }
        for (int i = 0; i < v.length; i++) {
          JsonNode x = values.get(i);
          v[i] = x.isTextual() && "Infinity".equals(x.asText()) ? Double.POSITIVE_INFINITY : x.asDouble(Double.NaN);
        }
        return zcdp.plus(RdpCurve.tabulated(o, v));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(file + ": field '" + at + "': " + e.getMessage(), e);
      }
    }

    private String text(JsonNode n, String at, String field) {
      JsonNode v = n.path(field);
      if (!v.isTextual()) {
        throw bad(at + "." + field, "a string", v);
      }
      return v.asText();
    }

    private double optionalNumber(JsonNode n, String at, String field) {
      JsonNode v = n.path(field);
      if (v.isNull() || v.isMissingNode()) {
        return Double.NaN;
      }
      if (!v.isNumber()) {
        throw bad(at + "." + field, "a number or null", v);
      }
      return v.asDouble();
    }

    private double number(JsonNode n, String at, String field) {
      JsonNode v = n.path(field);
      if (!v.isNumber()) {
        throw bad(at, "a number", v);
      }
      return v.asDouble();
    }

    private InvalidInputException bad(String field, String expected, JsonNode got) {
      return new InvalidInputException(file + ": field '" + field + "': expected " + expected + ", got "
          + (got.isMissingNode() ? "nothing" : got.toString()));
    }
  }
}
