package io.dpforge.dp.continual;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The noise matrix B of a counter, read off its stream by probing: run it once to learn which noise
 * coordinates it draws, then once per coordinate with that draw set to 1 and every other to 0. Row t
 * holds the weights of every draw in the noise of step t (in units of the grid spacing).
 */
final class NoiseMatrix {
  final List<Long> coordinates;
  final double[][] weights; // [step][coordinate]

  private NoiseMatrix(List<Long> coordinates, double[][] weights) {
    this.coordinates = coordinates;
    this.weights = weights;
  }

  static NoiseMatrix probe(CounterMechanism mechanism, NoiseGrid grid) {
    int steps = (int) mechanism.horizon();
    TreeSet<Long> seen = new TreeSet<>();
    CounterStream recorder = mechanism.open(grid, c -> {
      seen.add(c);
      return 0;
    });
    for (int t = 0; t < steps; t++) {
      recorder.release(0);
    }
    List<Long> coordinates = new ArrayList<>(seen);
    double[][] weights = new double[steps][coordinates.size()];
    for (int col = 0; col < coordinates.size(); col++) {
      long probe = coordinates.get(col);
      CounterStream stream = mechanism.open(grid, c -> c == probe ? 1 : 0);
      for (int t = 0; t < steps; t++) {
        weights[t][col] = stream.release(0) / grid.spacing();
      }
    }
    return new NoiseMatrix(coordinates, weights);
  }

  double rowNormSquared(int step) {
    double s = 0;
    for (double w : weights[step - 1]) {
      s += w * w;
    }
    return s;
  }
}
