package io.dpforge.dp.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public domain of a table: an ordered list of columns, each categorical, ordinal or numeric.
 *
 * <p>The domain is public knowledge. It is read from a JSON file written by the data owner (see
 * {@link DomainJson} for the format) and is never derived from the private data inside a private run;
 * {@link DomainInference} exists to draft one, with a warning that a drafted domain is not private.
 * Serialisable, so distributed readers can validate rows against it on their workers.
 */
public final class Domain implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Column> columns;
  private final Map<String, Integer> byName = new HashMap<>();

  public Domain(List<? extends Column> columns) {
    if (columns == null || columns.isEmpty()) {
      throw new InvalidInputException("a domain needs at least one column");
    }
    this.columns = List.copyOf(columns);
    for (int i = 0; i < this.columns.size(); i++) {
      if (byName.put(this.columns.get(i).name(), i) != null) {
        throw new InvalidInputException("column '" + this.columns.get(i).name() + "' appears twice in the domain");
      }
    }
  }

  /** Reads a domain JSON file; errors name the file and the offending field. */
  public static Domain read(Path file) {
    return DomainJson.read(file);
  }

  /** Writes this domain as JSON, atomically. */
  public void write(Path file) {
    DomainJson.write(this, file);
  }

  public String toJson() {
    return DomainJson.toJson(this);
  }

  public List<Column> columns() {
    return columns;
  }

  public int size() {
    return columns.size();
  }

  public Column column(int i) {
    return columns.get(i);
  }

  public List<String> names() {
    List<String> names = new ArrayList<>(columns.size());
    for (Column c : columns) {
      names.add(c.name());
    }
    return names;
  }

  /** Index of the named column, or empty. */
  public Optional<Integer> indexOf(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The named column; a clear error lists the domain's columns when it does not exist. */
  public Column column(String name) {
    Integer i = byName.get(name);
    if (i == null) {
      throw new InvalidInputException("no column '" + name + "' in the domain (columns: "
          + String.join(", ", names()) + ")");
    }
    return columns.get(i);
  }

  /** A domain holding only the named columns, in the given order. */
  public Domain project(List<String> names) {
    List<Column> picked = new ArrayList<>(names.size());
    for (String n : names) {
      picked.add(column(n));
    }
    return new Domain(picked);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Domain d && d.columns.equals(columns);
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }

  @Override
  public String toString() {
    return "Domain" + columns;
  }
}
