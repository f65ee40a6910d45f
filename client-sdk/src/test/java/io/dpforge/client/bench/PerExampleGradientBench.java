package io.dpforge.client.bench;

import io.dpforge.client.compute.Activation;
import io.dpforge.client.compute.CpuBackend;
import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.DenseNetwork;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-example gradient throughput (examples/s) on Fashion-MNIST shapes: a batch of 256 images of 784
 * pixels, 10 classes, for logistic regression and a one-hidden-layer MLP, on a backend with
 * {@code threads} threads. Each invocation computes all 256 per-example gradients, so the score is in
 * examples per second. The batch mean gradient (no per-example work) is measured beside it for scale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class PerExampleGradientBench {
  private static final int BATCH = 256;

  @Param({"logreg", "mlp"})
  public String model;

  @Param({"scalar", "vector"})
  public String kernels;

  @Param({"2"})
  public int threads;

  private CpuBackend backend;
  private DenseNetwork network;
  private Dataset batch;
  private double[] w;
  private double[] perExample;
  private double[] gradient;

  @Setup
  public void setUp() {
    backend = CpuBackend.builder().threads(threads).vectorApi(kernels.equals("vector")).build();
    DenseNetwork.Builder b = DenseNetwork.builder(784, 10).backend(backend);
    if (model.equals("mlp")) {
      b.hiddenLayer(128).activation(Activation.RELU);
    }
    network = b.build();
    SplittableRandom rng = new SplittableRandom(1);
    int[] labels = rng.ints(BATCH, 0, 10).toArray();
    batch = Dataset.of(rng.doubles(BATCH * 784L).toArray(), labels, 784, 10);
    w = network.initialParameters(rng);
    for (int j = 0; j < w.length; j++) {
      w[j] += 0.01 * rng.nextGaussian();
    }
    perExample = new double[BATCH * network.dimension()];
    gradient = new double[network.dimension()];
  }

  @TearDown
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double[] perExampleGradients() {
    network.perExampleGradients(w, batch, perExample);
    return perExample;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double[] batchGradient() {
    network.dataLoss(w, batch, gradient);
    return gradient;
  }
}
