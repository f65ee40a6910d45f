package io.dpforge.dp.noise;

import io.dpforge.dp.random.Randomness;
import java.util.stream.IntStream;

/**
 * Adds independent integer noise to long vectors in parallel chunks. Each chunk draws from its own
 * {@link Randomness#split()}, created in chunk order before any work starts, so a seeded run gives the
 * same vector whatever the thread scheduling.
 */
final class ParallelNoise {
  /** Below this many coordinates one thread is faster than splitting. */
  static final int PARALLEL_FROM = 1 << 14;
  private static final int CHUNK = 1 << 12;

  /** One integer sample. */
  @FunctionalInterface
  interface IntegerSampler {
    long sample(Randomness random);
  }

  private ParallelNoise() {}

  /** {@code out[i] = snap(values[i]) + g·noise_i}. */
  static double[] addSnapped(double[] values, double granularity, IntegerSampler sampler, Randomness random) {
    double[] out = new double[values.length];
    if (values.length < PARALLEL_FROM) {
      fill(values, out, 0, values.length, granularity, sampler, random);
      return out;
    }
    int chunks = (values.length + CHUNK - 1) / CHUNK;
    Randomness[] streams = new Randomness[chunks];
    for (int c = 0; c < chunks; c++) {
      streams[c] = random.split();
    }
    IntStream.range(0, chunks).parallel().forEach(c -> {
      int from = c * CHUNK;
      fill(values, out, from, Math.min(values.length, from + CHUNK), granularity, sampler, streams[c]);
    });
    return out;
  }

  private static void fill(double[] values, double[] out, int from, int to, double granularity,
      IntegerSampler sampler, Randomness random) {
    for (int i = from; i < to; i++) {
      out[i] = Snapping.snapAndShift(values[i], granularity, sampler.sample(random));
    }
  }
}
