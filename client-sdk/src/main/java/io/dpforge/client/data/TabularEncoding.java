package io.dpforge.client.data;

import io.dpforge.dp.data.Column;
import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.DiscreteColumn;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.dp.data.NumericColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a table over a public {@link Domain} into a classification {@link Dataset}: a discrete target
 * column gives the labels; every other domain column becomes features, one-hot for categorical and
 * ordinal columns and min–max scaled to [0, 1] for numeric ones.
 *
 * <p>Scaling uses the domain's public bounds, never the data, so the encoding leaks nothing and every
 * feature vector has norm at most √(number of feature columns), a bound a private optimizer can use.
 */
public final class TabularEncoding {
  private final Domain domain;
  private final int target;
  private final List<String> featureNames = new ArrayList<>();

  /** An encoding predicting the discrete column {@code targetColumn} from the others. */
  public TabularEncoding(Domain domain, String targetColumn) {
    this.domain = domain;
    this.target = domain.indexOf(targetColumn).orElseThrow(() -> new InvalidInputException(
        "target column '" + targetColumn + "' is not in the domain; its columns are " + domain.names()));
    if (!(domain.column(target) instanceof DiscreteColumn labels) || labels.size() < 2) {
      throw new InvalidInputException("target column '" + targetColumn + "' must be categorical or ordinal"
          + " with at least 2 values, got " + domain.column(target).describeDomain());
    }
    for (int c = 0; c < domain.size(); c++) {
      if (c == target) {
        continue;
      }
      Column column = domain.column(c);
      if (column instanceof DiscreteColumn d) {
        for (String v : d.values()) {
          featureNames.add(d.name() + "=" + v);
        }
      } else {
        featureNames.add(column.name());
      }
    }
  }

  /** Reads a CSV file (header row; plain or gzip) against the domain and encodes it. */
  public static Dataset read(Path csv, Domain domain, String targetColumn, InvalidValuePolicy onInvalid) {
    TabularEncoding encoding = new TabularEncoding(domain, targetColumn);
    EncodedTable table = CsvTableReader.builder(domain).onInvalid(onInvalid).build().readTable(csv).table();
    return encoding.encode(table);
  }

  /** Names of the features, in order: {@code column=value} for one-hot features. */
  public List<String> featureNames() {
    return List.copyOf(featureNames);
  }

  public int dimension() {
    return featureNames.size();
  }

  /** Labels are the target column's value indices; class k is the target's k-th domain value. */
  public Dataset encode(EncodedTable table) {
    if (!table.domain().equals(domain)) {
      throw new IllegalArgumentException("table domain differs from the encoding's domain");
    }
    int rows = table.rows();
    int dim = dimension();
    double[] features = new double[rows * dim];
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = table.code(r, target);
      int f = r * dim;
      for (int c = 0; c < domain.size(); c++) {
        if (c == target) {
          continue;
        }
        Column column = domain.column(c);
        if (column instanceof DiscreteColumn d) {
          features[f + table.code(r, c)] = 1.0;
          f += d.size();
        } else {
          NumericColumn n = (NumericColumn) column;
          double range = n.max() - n.min();
          features[f++] = range == 0 ? 0.0 : (table.number(r, c) - n.min()) / range;
        }
      }
    }
    int classes = ((DiscreteColumn) domain.column(target)).size();
    return Dataset.of(features, labels, dim, classes);
  }
}
