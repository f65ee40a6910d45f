package io.dpforge.client.optim;

import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.Model;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plain (non-private) minibatch SGD: each epoch visits the examples in a fresh seeded random order, in
 * minibatches of {@code batchSize} (the last one may be smaller), and steps w ← w − η·∇F_B(w) with the
 * minibatch gradient plus the regulariser's.
 */
public final class Sgd implements Optimizer {
  private final int epochs;
  private final int batchSize;
  private final double learningRate;
  private final long seed;

  private Sgd(Builder b) {
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.learningRate = b.learningRate;
    this.seed = b.seed;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public OptimizationResult optimize(Model model, double[] start, Dataset data) {
    double[] w = start.clone();
    double[] gradient = new double[model.dimension()];
    int n = data.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    long steps = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, rng);
      for (int from = 0; from < n; from += batchSize) {
        int size = Math.min(batchSize, n - from);
        int[] rows = java.util.Arrays.copyOfRange(order, from, from + size);
        model.lossAndGradient(w, data.select(rows), gradient);
        for (int j = 0; j < w.length; j++) {
          w[j] -= learningRate * gradient[j];
        }
        steps++;
      }
    }
    return OptimizationResult.of(start, w, steps, (long) epochs * n, PrivacySpent.NONE,
        Map.of("epochs", (double) epochs, "batch_size", (double) batchSize, "learning_rate", learningRate));
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Options of {@link Sgd}. */
  public static final class Builder {
    private int epochs = 1;
    private int batchSize = 32;
    private double learningRate = 0.1;
    private long seed;

    private Builder() {}

    /** Passes over the local data (default 1). */
    public Builder epochs(int epochs) {
      if (epochs < 0) {
        throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
      }
      this.epochs = epochs;
      return this;
    }

    /** Minibatch size (default 32). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** Step size η > 0 (default 0.1). */
    public Builder learningRate(double learningRate) {
      if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
        throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
      }
      this.learningRate = learningRate;
      return this;
    }

    /** Seed of the example order (non-private randomness). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Sgd build() {
      return new Sgd(this);
    }
  }
}
