package io.dpforge.dp.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A column with a finite list of values; rows store the value's index in that list. A
 * {@linkplain #categorical categorical} column's values are unordered labels (e.g. region); an
 * {@linkplain #ordinal ordinal} column lists its values from lowest to highest (e.g. education level),
 * so range and prefix queries over it make sense.
 */
public final class DiscreteColumn implements Column {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final boolean ordered;
  private final List<String> values;
  private final Map<String, Integer> index = new HashMap<>();

  private DiscreteColumn(String name, boolean ordered, List<String> values) {
    this.name = ColumnNames.check(name);
    this.ordered = ordered;
    if (values == null || values.isEmpty()) {
      throw new InvalidInputException("column '" + name + "': 'values' must list at least one value");
    }
    this.values = List.copyOf(values);
    for (int i = 0; i < this.values.size(); i++) {
      if (index.put(this.values.get(i), i) != null) {
        throw new InvalidInputException(
            "column '" + name + "': value '" + this.values.get(i) + "' is listed twice");
      }
    }
  }

  public static DiscreteColumn categorical(String name, List<String> values) {
    return new DiscreteColumn(name, false, values);
  }

  public static DiscreteColumn ordinal(String name, List<String> values) {
    return new DiscreteColumn(name, true, values);
  }

  @Override
  public String name() {
    return name;
  }

  /** True for ordinal columns, whose value list is in increasing order. */
  public boolean ordered() {
    return ordered;
  }

  @Override
  public String typeName() {
    return ordered ? "ordinal" : "categorical";
  }

  public List<String> values() {
    return values;
  }

  /** Number of values, i.e. the size of this column's domain. */
  public int size() {
    return values.size();
  }

  /** Index of {@code value}, or -1 when it is not in the domain. */
  public int indexOf(String value) {
    Integer i = index.get(value);
    return i == null ? -1 : i;
  }

  @Override
  public String describeDomain() {
    String shown = values.size() <= 20 ? String.join(", ", values)
        : String.join(", ", values.subList(0, 20)) + ", ... (" + values.size() + " values)";
    return "one of: " + shown;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DiscreteColumn c && c.name.equals(name) && c.ordered == ordered
        && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + values.hashCode()) * 2 + (ordered ? 1 : 0);
  }

  @Override
  public String toString() {
    return typeName() + " " + name + " " + values;
  }
}
