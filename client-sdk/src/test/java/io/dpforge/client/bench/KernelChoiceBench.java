package io.dpforge.client.bench;

import io.dpforge.client.compute.CpuBackend;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scalar loops against Vector API loops on the shapes of a logistic-regression step on Fashion-MNIST
 * (batch 256, 784 features, 10 classes), single-threaded so only the inner loops differ.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class KernelChoiceBench {
  private static final int BATCH = 256;
  private static final int FEATURES = 784;
  private static final int CLASSES = 10;

  @Param({"scalar", "vector"})
  public String kernels;

  private CpuBackend backend;
  private double[] x;
  private double[] w;
  private double[] logits;
  private double[] residual;
  private double[] gradient;
  private double[] perExample;

  @Setup
  public void setUp() {
    backend = CpuBackend.builder().threads(1).vectorApi(kernels.equals("vector")).build();
    SplittableRandom rng = new SplittableRandom(1);
    x = rng.doubles(BATCH * FEATURES).toArray();
    w = rng.doubles(CLASSES * FEATURES).toArray();
    residual = rng.doubles(BATCH * CLASSES).toArray();
    logits = new double[BATCH * CLASSES];
    gradient = new double[CLASSES * FEATURES];
    perExample = new double[BATCH * CLASSES * FEATURES];
  }

  @TearDown
  public void tearDown() {
    backend.close();
  }

  /** Logits X·Wᵀ: dot products of length 784. */
  @Benchmark
  public double[] forwardDots() {
    backend.gemm(false, true, BATCH, CLASSES, FEATURES, 1.0, x, 0, FEATURES, w, 0, FEATURES, 0.0, logits, 0, CLASSES);
    return logits;
  }

  /** Batch gradient Rᵀ·X: axpys of length 784. */
  @Benchmark
  public double[] gradientAxpys() {
    backend.gemm(true, false, CLASSES, FEATURES, BATCH, 1.0, residual, 0, CLASSES, x, 0, FEATURES, 0.0, gradient, 0,
        FEATURES);
    return gradient;
  }

  /** Per-example gradients r_i ⊗ x_i: scaled copies of length 784. */
  @Benchmark
  public double[] perExampleOuterProducts() {
    backend.rowOuterProducts(BATCH, CLASSES, FEATURES, residual, 0, CLASSES, x, 0, FEATURES, perExample, 0,
        CLASSES * FEATURES);
    return perExample;
  }
}
