package io.dpforge.dp.bench;

import io.dpforge.dp.noise.DiscreteGaussian;
import io.dpforge.dp.noise.DiscreteLaplace;
import io.dpforge.dp.random.Randomness;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Throughput of the exact samplers (samples/s = ops/s) with the secure and the seeded source. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SamplerBenchmark {
  @Param({"1", "10", "1000000"})
  public double sigma;

  @Param({"secure", "seeded"})
  public String source;

  private Randomness random;
  private DiscreteGaussian gaussian;
  private DiscreteLaplace laplace;

  @Setup(Level.Trial)
  public void setUp() {
    random = source.equals("secure") ? Randomness.secure() : Randomness.seededNotPrivate(1);
    gaussian = DiscreteGaussian.withSigma(sigma);
    laplace = DiscreteLaplace.withScale(sigma);
  }

  @Benchmark
  public long discreteGaussian() {
    return gaussian.sample(random);
  }

  @Benchmark
  public long discreteLaplace() {
    return laplace.sample(random);
  }
}
