package io.dpforge.decentralized.problem;

import io.dpforge.dp.data.Column;
import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.DiscreteColumn;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.data.NumericColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real table turned into a design matrix for the learning problems: numeric features are
 * standardised (mean 0, variance 1 over the table), discrete features are one-hot encoded without
 * their first value, and an intercept column may lead. The CSV is read against its public domain, so
 * a bad value is reported with file, line and column.
 *
 * <p>Decentralized optimisation here is not private: the standardisation reads the data.
 *
 * @param features one row per record
 * @param featureNames the name of each column of {@code features}
 * @param target the target column: numeric value, or value index of a discrete target
 * @param targetName the target column's name
 * @param targetLevels the discrete target's values, empty for a numeric target
 */
public record TabularData(double[][] features, List<String> featureNames, double[] target, String targetName,
    List<String> targetLevels) {

  /**
   * Reads a CSV file against a domain spec.
   *
   * @param featureColumns the feature columns, or empty for every column but the target
   * @param intercept whether to lead with a column of ones
   * @throws InvalidInputException for a column that is not in the domain, a bad value, or a table
   *     with no rows
   */
  public static TabularData read(Path csv, Path domainFile, String targetColumn, List<String> featureColumns,
      boolean intercept) {
    Domain domain = Domain.read(domainFile);
    if (domain.indexOf(targetColumn).isEmpty()) {
      throw new InvalidInputException(domainFile + ": target column '" + targetColumn + "' is not in the domain "
          + domain.names());
    }
    List<String> names = new ArrayList<>();
    if (featureColumns.isEmpty()) {
      domain.names().stream().filter(c -> !c.equals(targetColumn)).forEach(names::add);
    } else {
      for (String c : featureColumns) {
        if (domain.indexOf(c).isEmpty()) {
          throw new InvalidInputException(domainFile + ": feature column '" + c + "' is not in the domain " + domain.names());
        }
        if (c.equals(targetColumn)) {
          throw new InvalidInputException("column '" + c + "' cannot be both the target and a feature");
        }
        names.add(c);
      }
    }
    EncodedTable table = CsvTableReader.builder(domain).build().readTable(csv).table();
    if (table.rows() == 0) {
      throw new InvalidInputException(csv + ": no data rows");
    }
    int rows = table.rows();
    List<double[]> cols = new ArrayList<>();
    List<String> colNames = new ArrayList<>();
    if (intercept) {
      double[] ones = new double[rows];
      java.util.Arrays.fill(ones, 1.0);
      cols.add(ones);
      colNames.add("(intercept)");
    }
    for (String name : names) {
      int idx = domain.indexOf(name).orElseThrow();
      Column c = domain.column(idx);
      if (c instanceof NumericColumn) {
        cols.add(standardise(table.numbers(idx)));
        colNames.add(name);
      } else {
        DiscreteColumn d = (DiscreteColumn) c;
        int[] codes = table.codes(idx);
        for (int level = 1; level < d.size(); level++) {
          double[] dummy = new double[rows];
          for (int r = 0; r < rows; r++) {
            dummy[r] = codes[r] == level ? 1.0 : 0.0;
          }
          cols.add(dummy);
          colNames.add(name + "=" + d.values().get(level));
        }
      }
    }
    double[][] x = new double[rows][cols.size()];
    for (int j = 0; j < cols.size(); j++) {
      double[] col = cols.get(j);
      for (int r = 0; r < rows; r++) {
        x[r][j] = col[r];
      }
    }
    int t = domain.indexOf(targetColumn).orElseThrow();
    Column tc = domain.column(t);
    double[] target;
    List<String> levels;
    if (tc instanceof NumericColumn) {
      target = table.numbers(t);
      levels = List.of();
    } else {
      int[] codes = table.codes(t);
      target = new double[rows];
      for (int r = 0; r < rows; r++) {
        target[r] = codes[r];
      }
      levels = ((DiscreteColumn) tc).values();
    }
    return new TabularData(x, List.copyOf(colNames), target, targetColumn, levels);
  }

  public int rows() {
    return features.length;
  }

  public int dim() {
    return featureNames.size();
  }

  /** The target standardised to mean 0 and variance 1 (regression). */
  public double[] standardisedTarget() {
    if (!targetLevels.isEmpty()) {
      throw new InvalidInputException("target column '" + targetName + "' is discrete " + targetLevels
          + "; least squares needs a numeric target");
    }
    return standardise(target);
  }

  /**
   * The target as ±1 labels: +1 for the second value of a two-valued discrete column (e.g. "yes").
   */
  public double[] signedLabels() {
    if (targetLevels.size() != 2) {
      throw new InvalidInputException("target column '" + targetName + "' must be discrete with exactly 2 values for"
          + " logistic regression, has " + (targetLevels.isEmpty() ? "numeric values" : targetLevels));
    }
    double[] y = new double[target.length];
    for (int r = 0; r < y.length; r++) {
      y[r] = target[r] == 1 ? 1.0 : -1.0;
    }
    return y;
  }

  private static double[] standardise(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double var = 0;
    for (double x : v) {
      var += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(var / v.length);
    double scale = sd > 0 ? 1 / sd : 1;
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (v[i] - mean) * scale;
    }
    return out;
  }
}
