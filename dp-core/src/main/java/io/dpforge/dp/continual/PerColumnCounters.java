package io.dpforge.dp.continual;

/**
 * Upper bound U1 of Jain et al. (2023): a continual counter per column, each at ρ/d (one step moves up
 * to d columns by one, so the joint L2 sensitivity is √d times a counter's), released as the max and
 * argmax of the noisy sums — post-processing of the counters, so both answers cost the same ρ.
 */
final class PerColumnCounters implements ColumnSumStream {
  private final CounterStream[] counters;
  private long steps;

  PerColumnCounters(CounterCalibration perColumn, int columns, KeyedNoise noise) {
    this.counters = new CounterStream[columns];
    for (int j = 0; j < columns; j++) {
      counters[j] = perColumn.open(noise, "column/" + j);
    }
  }

  @Override
  public ColumnSumOutput release(boolean[] row) {
    ColumnSums.checkRow(row, counters.length);
    double best = Double.NEGATIVE_INFINITY;
    int argmax = -1;
    for (int j = 0; j < counters.length; j++) {
      double estimate = counters[j].release(row[j] ? 1 : 0);
      if (estimate > best) {
        best = estimate;
        argmax = j;
      }
    }
    steps++;
    return new ColumnSumOutput(best, argmax);
  }

  @Override
  public long steps() {
    return steps;
  }
}
