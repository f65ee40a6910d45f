package io.dpforge.client.problem;

import io.dpforge.client.compute.Activation;
import io.dpforge.client.compute.ComputeBackend;
import io.dpforge.client.data.Dataset;
import io.dpforge.client.data.FashionMnist;
import io.dpforge.client.data.SyntheticLogistic;
import io.dpforge.client.model.DenseNetwork;
import io.dpforge.client.model.NonConvexRegularizer;
import io.dpforge.dp.data.InvalidInputException;
import java.util.Locale;

/**
 * Builds the problems of {@code dpforge optimize}: a {@link ProblemKind} on a {@link DataSource}.
 *
 * <p>Synthetic data: n training and max(1,000, n/5) test examples in d dimensions from one
 * {@link SyntheticLogistic} generator with ‖w*‖ = √d, all fixed by the seed; the model is binary
 * logistic regression without intercept (d parameters). Fashion-MNIST: the first n
 * training images (all 60,000 when n is not set) and the 10,000 test images.
 */
public final class Problems {
  private Problems() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Options of a problem; {@link #build()} loads or generates the data. */
  public static final class Builder {
    private ProblemKind kind = ProblemKind.LOGREG;
    private DataSource data = DataSource.SYNTHETIC;
    private Integer n;
    private Integer dimension;
    private long seed;
    private double lambda = 1e-3;
    private int hiddenUnits = 128;
    private Dataset fashionTrain;
    private Dataset fashionTest;
    private ComputeBackend backend;

    private Builder() {}

    public Builder kind(ProblemKind kind) {
      this.kind = kind;
      return this;
    }

    public Builder data(DataSource data) {
      this.data = data;
      return this;
    }

    /** Training examples (synthetic: required; Fashion-MNIST: at most 60,000, default all). */
    public Builder n(int n) {
      this.n = n;
      return this;
    }

    /** Features (synthetic: required; Fashion-MNIST: 784 if given). */
    public Builder dimension(int dimension) {
      this.dimension = dimension;
      return this;
    }

    /** Seed of the synthetic data. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** λ of the non-convex penalty (default 1e-3). */
    public Builder lambda(double lambda) {
      this.lambda = lambda;
      return this;
    }

    /** Width of the MLP's hidden layer (default 128). */
    public Builder hiddenUnits(int hiddenUnits) {
      this.hiddenUnits = hiddenUnits;
      return this;
    }

    /** Already loaded Fashion-MNIST splits (otherwise read from {@link FashionMnist#locate()}). */
    public Builder fashionMnist(Dataset train, Dataset test) {
      this.fashionTrain = train;
      this.fashionTest = test;
      return this;
    }

    public Builder backend(ComputeBackend backend) {
      this.backend = backend;
      return this;
    }

    public Problem build() {
      Dataset train;
      Dataset test;
      String dataDescription;
      if (data == DataSource.SYNTHETIC) {
        if (n == null || dimension == null) {
          throw new InvalidInputException("synthetic data needs --n and --dim");
        }
        checkPositive("--n", n);
        checkPositive("--dim", dimension);
        SyntheticLogistic generator = new SyntheticLogistic(dimension, Math.sqrt(dimension), seed);
        train = generator.sample(n, seed + 1);
        test = generator.sample(Math.max(1000, n / 5), seed + 2);
        dataDescription = String.format(Locale.ROOT, "synthetic, n = %,d, d = %d", n, dimension);
      } else {
        if (fashionTrain == null) {
          FashionMnist.Split split = FashionMnist.load();
          fashionTrain = split.train();
          fashionTest = split.test();
        }
        if (dimension != null && dimension != fashionTrain.dimension()) {
          throw new InvalidInputException("--dim " + dimension + " does not match Fashion-MNIST's "
              + fashionTrain.dimension() + " features");
        }
        int size = n == null ? fashionTrain.size() : n;
        if (size < 1 || size > fashionTrain.size()) {
          throw new InvalidInputException("--n must be in 1.." + fashionTrain.size() + " for Fashion-MNIST, got " + size);
        }
        train = fashionTrain.slice(0, size);
        test = fashionTest;
        dataDescription = String.format(Locale.ROOT, "Fashion-MNIST, n = %,d", size);
      }
      // The synthetic labels come from ⟨w*, x⟩ without an offset, so its model has none either: exactly d
      // parameters, and every direction has the same curvature (an intercept would be √d times stiffer).
      DenseNetwork.Builder model = DenseNetwork.builder(train.dimension(), train.classes())
          .referenceClass(train.classes() == 2)
          .intercepts(data != DataSource.SYNTHETIC)
          .backend(backend);
      if (kind == ProblemKind.LOGREG_NONCONVEX) {
        model.regularizer(new NonConvexRegularizer(lambda));
      } else if (kind == ProblemKind.MLP) {
        model.hiddenLayer(hiddenUnits).activation(Activation.RELU);
      }
      DenseNetwork network = model.build();
      String description = network.describe()
          + (kind == ProblemKind.LOGREG_NONCONVEX ? String.format(Locale.ROOT, " + λ·Σw²/(1+w²), λ = %g", lambda) : "")
          + ", " + dataDescription;
      return new Problem(description, network, train, test);
    }

    private static void checkPositive(String flag, int value) {
      if (value < 1) {
        throw new InvalidInputException(flag + " must be >= 1, got " + value);
      }
    }
  }
}
