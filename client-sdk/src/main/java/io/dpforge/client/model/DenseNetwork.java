package io.dpforge.client.model;

import io.dpforge.client.compute.Activation;
import io.dpforge.client.compute.ComputeBackend;
import io.dpforge.client.compute.CpuBackend;
import io.dpforge.client.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected classifier: zero hidden layers is multinomial logistic regression, one or two make
 * an MLP. Training loss is the softmax cross-entropy.
 *
 * <p>Parameter layout, layer by layer from the input: the weight matrix W_l (out × in, row-major), then
 * the bias b_l (out), unless the network is built without intercepts. Batched forward and backward
 * passes run on a {@link ComputeBackend}. Per-example gradients come from the same backward pass: for a
 * dense layer, ∇_{W_l} f(w; x_i) = δ_{l,i} ⊗ a_{l−1,i} and ∇_{b_l} f(w; x_i) = δ_{l,i} (Goodfellow
 * 2015, "Efficient per-example gradient computations"), so they cost one outer product per example and
 * layer on top of the batch backward pass.
 */
public final class DenseNetwork implements Model {
  /** Bound on the doubles of activations held per forward pass; larger inputs are processed in chunks. */
  private static final int CHUNK_BUDGET = 1 << 21;

  private final int[] sizes;
  private final int classes;
  private final boolean referenceClass;
  private final boolean intercepts;
  private final Activation activation;
  private final Regularizer regularizer;
  private final ComputeBackend backend;
  private final int[] weightOffsets;
  private final int[] biasOffsets;
  private final int dimension;
  private final int chunkRows;

  private DenseNetwork(Builder b) {
    int layers = b.hidden.size() + 1;
    this.sizes = new int[layers + 1];
    sizes[0] = b.inputs;
    for (int l = 0; l < b.hidden.size(); l++) {
      sizes[l + 1] = b.hidden.get(l);
    }
    this.classes = b.classes;
    this.referenceClass = b.referenceClass;
    this.intercepts = b.intercepts;
    sizes[layers] = referenceClass ? classes - 1 : classes;
    this.activation = b.activation;
    this.regularizer = b.regularizer;
    this.backend = b.backend != null ? b.backend : CpuBackend.common();
    this.weightOffsets = new int[layers];
    this.biasOffsets = new int[layers];
    int offset = 0;
    int widths = 0;
    for (int l = 0; l < layers; l++) {
      weightOffsets[l] = offset;
      offset += sizes[l + 1] * sizes[l];
      biasOffsets[l] = offset;
      offset += intercepts ? sizes[l + 1] : 0;
      widths += sizes[l + 1];
    }
    this.dimension = offset;
    this.chunkRows = Math.max(256, Math.min(8192, CHUNK_BUDGET / widths));
  }

  /** A network from {@code inputs} features to {@code classes} classes; add hidden layers for an MLP. */
  public static Builder builder(int inputs, int classes) {
    return new Builder(inputs, classes);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int inputDimension() {
    return sizes[0];
  }

  @Override
  public int classes() {
    return classes;
  }

  public int hiddenLayers() {
    return sizes.length - 2;
  }

  @Override
  public Regularizer regularizer() {
    return regularizer;
  }

  /** E.g. {@code logistic regression 784→10 (7,850 parameters)} or {@code MLP 784→128→10 relu (…)}. */
  public String describe() {
    StringBuilder shape = new StringBuilder();
    for (int l = 0; l < sizes.length; l++) {
      shape.append(l == 0 ? "" : "→").append(l == sizes.length - 1 ? classes : sizes[l]);
    }
    String kind = hiddenLayers() == 0 ? "logistic regression " + shape
        : "MLP " + shape + " " + activation.name().toLowerCase(java.util.Locale.ROOT);
    return String.format(java.util.Locale.ROOT, "%s (%,d parameters)", kind, dimension);
  }

  /**
   * Zeros for logistic regression (a convex problem); otherwise Glorot-uniform weights for tanh and
   * output layers and He-uniform weights for ReLU layers, zero biases.
   */
  @Override
  public double[] initialParameters(SplittableRandom rng) {
    double[] w = new double[dimension];
    if (hiddenLayers() == 0) {
      return w;
    }
    for (int l = 0; l < weightOffsets.length; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      boolean hidden = l < weightOffsets.length - 1;
      double limit = hidden && activation == Activation.RELU ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
      for (int j = 0; j < in * out; j++) {
        w[weightOffsets[l] + j] = (2 * rng.nextDouble() - 1) * limit;
      }
    }
    return w;
  }

  @Override
  public double dataLoss(double[] w, Dataset examples, double[] gradient) {
    checkShapes(w, examples);
    int n = examples.size();
    if (gradient != null) {
      checkLength("gradient", gradient, dimension);
      Arrays.fill(gradient, 0.0);
    }
    double lossSum = 0;
    for (int from = 0; from < n; from += chunkRows) {
      Dataset chunk = examples.slice(from, Math.min(n, from + chunkRows));
      double[][] acts = forward(w, chunk);
      double[] residual = gradient == null ? null : new double[chunk.size() * sizes[sizes.length - 1]];
      lossSum += SoftmaxCrossEntropy.lossSum(acts[acts.length - 1], chunk.size(), classes, referenceClass,
          chunk.labelArray(), chunk.labelOffset(), residual);
      if (gradient != null) {
        backward(w, chunk, acts, residual, 1.0 / n, gradient, null);
      }
    }
    return n == 0 ? 0.0 : lossSum / n;
  }

  @Override
  public void perExampleGradients(double[] w, Dataset examples, double[] out) {
    checkShapes(w, examples);
    int m = examples.size();
    checkLength("per-example gradient block", out, (long) m * dimension);
    double[][] acts = forward(w, examples);
    double[] residual = new double[m * sizes[sizes.length - 1]];
    SoftmaxCrossEntropy.lossSum(acts[acts.length - 1], m, classes, referenceClass, examples.labelArray(),
        examples.labelOffset(), residual);
    backward(w, examples, acts, residual, 0.0, null, out);
  }

  @Override
  public int[] predict(double[] w, Dataset examples) {
    checkShapes(w, examples);
    int n = examples.size();
    int[] predicted = new int[n];
    for (int from = 0; from < n; from += chunkRows) {
      Dataset chunk = examples.slice(from, Math.min(n, from + chunkRows));
      double[][] acts = forward(w, chunk);
      SoftmaxCrossEntropy.argmax(acts[acts.length - 1], chunk.size(), classes, referenceClass, predicted, from);
    }
    return predicted;
  }

  /** Outputs of every layer (index 0 unused: the input is read from the dataset in place). */
  private double[][] forward(double[] w, Dataset x) {
    int m = x.size();
    double[][] acts = new double[sizes.length][];
    for (int l = 1; l < sizes.length; l++) {
      int in = sizes[l - 1];
      int out = sizes[l];
      double[] a = l == 1 ? x.featureArray() : acts[l - 1];
      int aOffset = l == 1 ? x.featureOffset() : 0;
      double[] z = new double[m * out];
      backend.gemm(false, true, m, out, in, 1.0, a, aOffset, in, w, weightOffsets[l - 1], in, 0.0, z, 0, out);
      if (intercepts) {
        backend.addToRows(m, out, w, biasOffsets[l - 1], z, 0, out);
      }
      if (l < sizes.length - 1) {
        backend.activate(activation, m, out, z, 0, out);
      }
      acts[l] = z;
    }
    return acts;
  }

  /**
   * Backpropagates {@code delta} (∂loss_i/∂logits, m × outputs). Adds {@code alpha}·Σ_i ∇f(w; x_i) to
   * {@code gradient} and/or writes each ∇f(w; x_i) as a row of {@code perExample}.
   */
  private void backward(double[] w, Dataset x, double[][] acts, double[] delta, double alpha,
      double[] gradient, double[] perExample) {
    int m = x.size();
    double[] alphas = null;
    if (gradient != null) {
      alphas = new double[m];
      Arrays.fill(alphas, alpha);
    }
    for (int l = sizes.length - 1; l >= 1; l--) {
      int in = sizes[l - 1];
      int out = sizes[l];
      double[] a = l == 1 ? x.featureArray() : acts[l - 1];
      int aOffset = l == 1 ? x.featureOffset() : 0;
      if (gradient != null) {
        backend.gemm(true, false, out, in, m, alpha, delta, 0, out, a, aOffset, in, 1.0,
            gradient, weightOffsets[l - 1], in);
        if (intercepts) {
          backend.weightedRowSum(m, out, alphas, 0, delta, 0, out, 1.0, gradient, biasOffsets[l - 1]);
        }
      }
      if (perExample != null) {
        backend.rowOuterProducts(m, out, in, delta, 0, out, a, aOffset, in, perExample, weightOffsets[l - 1],
            dimension);
        if (intercepts) {
          backend.copy(m, out, delta, 0, out, perExample, biasOffsets[l - 1], dimension);
        }
      }
      if (l > 1) {
        double[] below = new double[m * in];
        backend.gemm(false, false, m, in, out, 1.0, delta, 0, out, w, weightOffsets[l - 1], in, 0.0, below, 0, in);
        backend.multiplyByDerivative(activation, m, in, acts[l - 1], 0, in, below, 0, in);
        delta = below;
      }
    }
  }

  private void checkShapes(double[] w, Dataset examples) {
    if (w.length != dimension) {
      throw new IllegalArgumentException("parameter vector has length " + w.length + ", expected " + dimension);
    }
    if (examples.dimension() != sizes[0]) {
      throw new IllegalArgumentException(
          "examples have " + examples.dimension() + " features, the model expects " + sizes[0]);
    }
    if (examples.classes() != classes) {
      throw new IllegalArgumentException(
          "examples have " + examples.classes() + " classes, the model expects " + classes);
    }
  }

  private static void checkLength(String what, double[] array, long expected) {
    if (array.length < expected) {
      throw new IllegalArgumentException(what + " has length " + array.length + ", expected at least " + expected);
    }
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Shape and options of a {@link DenseNetwork}. */
  public static final class Builder {
    private final int inputs;
    private final int classes;
    private final List<Integer> hidden = new ArrayList<>();
    private Activation activation = Activation.RELU;
    private boolean referenceClass;
    private boolean intercepts = true;
    private Regularizer regularizer = Regularizer.NONE;
    private ComputeBackend backend;

    private Builder(int inputs, int classes) {
      if (inputs < 1) {
        throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
      }
      if (classes < 2) {
        throw new IllegalArgumentException("classes must be >= 2, got " + classes);
      }
      this.inputs = inputs;
      this.classes = classes;
    }

    /** Adds a hidden layer of {@code width} units (in order from the input). */
    public Builder hiddenLayer(int width) {
      if (width < 1) {
        throw new IllegalArgumentException("hidden layer width must be >= 1, got " + width);
      }
      hidden.add(width);
      return this;
    }

    /** Hidden-layer activation (default ReLU). */
    public Builder activation(Activation activation) {
      this.activation = activation;
      return this;
    }

    /**
     * Fixes class 0's logit at 0 so the output layer has K − 1 rows: for two classes, binary logistic
     * regression with a single weight vector (d + 1 parameters instead of 2(d + 1)).
     */
    public Builder referenceClass(boolean referenceClass) {
      this.referenceClass = referenceClass;
      return this;
    }

    /** Whether every layer has a bias (default true); without, the model is linear in its input at layer 1. */
    public Builder intercepts(boolean intercepts) {
      this.intercepts = intercepts;
      return this;
    }

    public Builder regularizer(Regularizer regularizer) {
      this.regularizer = regularizer;
      return this;
    }

    /** Where the batched linear algebra runs (default {@link CpuBackend#common()}). */
    public Builder backend(ComputeBackend backend) {
      this.backend = backend;
      return this;
    }

    public DenseNetwork build() {
      return new DenseNetwork(this);
    }
  }
}
