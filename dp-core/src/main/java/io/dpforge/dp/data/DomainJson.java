package io.dpforge.dp.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dpforge.dp.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The domain JSON format:
 *
 * <pre>{@code
 * {"columns": [
 *   {"name": "region", "type": "categorical", "values": ["northeast", "midwest", "south", "west"]},
 *   {"name": "educ",   "type": "ordinal",     "values": ["<12 yrs", "12 yrs", "13-15 yrs"]},
 *   {"name": "age",    "type": "numeric", "min": 18, "max": 90, "integer": true, "bins": 8},
 *   {"name": "wage",   "type": "numeric", "min": 0, "max": 20000, "bins": [0, 500, 1000, 20000]}
 * ]}
 * }</pre>
 *
 * {@code bins} is optional: a count of equal-width bins or the list of bin edges (from min to max).
 */
public final class DomainJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DomainJson() {}

  public static Domain read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("domain file not found: " + file);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read domain file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Parses domain JSON; {@code source} names the input in error messages. */
  public static Domain parse(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new InvalidInputException(source + (loc == null ? "" : " line " + loc.getLineNr() + ", column "
          + loc.getColumnNr()) + ": malformed JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("columns").isArray()) {
      throw new InvalidInputException(source + ": expected an object with a 'columns' array");
    }
    List<Column> columns = new ArrayList<>();
    int i = 0;
    for (JsonNode c : root.get("columns")) {
      String where = source + ": columns[" + i++ + "]";
      try {
        columns.add(parseColumn(c, where));
      } catch (InvalidInputException e) {
        throw e.getMessage().startsWith(source) ? e : new InvalidInputException(where + ": " + e.getMessage(), e);
      }
    }
    try {
      return new Domain(columns);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage(), e);
    }
  }

  private static Column parseColumn(JsonNode c, String where) {
    if (!c.isObject()) {
      throw new InvalidInputException(where + ": expected an object with 'name' and 'type'");
    }
    String name = text(c, "name", where);
    where = where + " ('" + name + "')";
    String type = text(c, "type", where);
    switch (type) {
      case "categorical":
        return DiscreteColumn.categorical(name, values(c, where));
      case "ordinal":
        return DiscreteColumn.ordinal(name, values(c, where));
      case "numeric":
        double min = number(c, "min", where);
        double max = number(c, "max", where);
        JsonNode integerNode = c.path("integer");
        if (!integerNode.isMissingNode() && !integerNode.isBoolean()) {
          throw new InvalidInputException(where + ": field 'integer' must be true or false");
        }
        boolean integer = integerNode.asBoolean(false);
        JsonNode bins = c.path("bins");
        if (bins.isMissingNode()) {
          return NumericColumn.withBins(name, min, max, integer, NumericColumn.DEFAULT_BINS);
        }
        if (bins.isInt()) {
          return NumericColumn.withBins(name, min, max, integer, bins.asInt());
        }
        if (bins.isArray()) {
          double[] edges = new double[bins.size()];
          for (int k = 0; k < edges.length; k++) {
            if (!bins.get(k).isNumber()) {
              throw new InvalidInputException(where + ": 'bins' edges must be numbers");
            }
            edges[k] = bins.get(k).asDouble();
          }
          return new NumericColumn(name, min, max, integer, edges);
        }
        throw new InvalidInputException(where + ": 'bins' must be a bin count or a list of edges");
      default:
        throw new InvalidInputException(where + ": unknown type '" + type
            + "' (expected categorical, ordinal or numeric)");
    }
  }

  private static String text(JsonNode c, String field, String where) {
    JsonNode n = c.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new InvalidInputException(where + ": field '" + field + "' must be a non-empty string");
    }
    return n.asText();
  }

  private static double number(JsonNode c, String field, String where) {
    JsonNode n = c.get(field);
    if (n == null || !n.isNumber()) {
      throw new InvalidInputException(where + ": field '" + field + "' must be a number (public bound)");
    }
    return n.asDouble();
  }

  private static List<String> values(JsonNode c, String where) {
    JsonNode n = c.get("values");
    if (n == null || !n.isArray() || n.isEmpty()) {
      throw new InvalidInputException(where + ": field 'values' must be a non-empty list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode v : n) {
      if (!v.isValueNode() || v.isNull()) {
        throw new InvalidInputException(where + ": 'values' must hold strings, got " + v);
      }
      out.add(v.asText());
    }
    return out;
  }

  public static String toJson(Domain domain) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode cols = root.putArray("columns");
    for (Column col : domain.columns()) {
      ObjectNode o = cols.addObject();
      o.put("name", col.name());
      o.put("type", col.typeName());
      if (col instanceof DiscreteColumn d) {
        ArrayNode vs = o.putArray("values");
        d.values().forEach(vs::add);
      } else if (col instanceof NumericColumn n) {
        putNumber(o, "min", n.min());
        putNumber(o, "max", n.max());
        if (n.integer()) {
          o.put("integer", true);
        }
        double[] e = n.binEdges();
        if (isEqualWidth(n)) {
          o.put("bins", n.bins());
        } else {
          ArrayNode b = o.putArray("bins");
          for (double x : e) {
            b.add(x);
          }
        }
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isEqualWidth(NumericColumn n) {
    double[] eq = NumericColumn.equalWidthEdges(n.name(), n.min(), n.max(), n.integer(), n.bins());
    return java.util.Arrays.equals(eq, n.binEdges());
  }

  private static void putNumber(ObjectNode o, String field, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      o.put(field, (long) v);
    } else {
      o.put(field, v);
    }
  }

  public static void write(Domain domain, Path file) {
    AtomicFiles.writeString(file, toJson(domain));
  }
}
