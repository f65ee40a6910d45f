package io.dpforge.dp.bench;

import io.dpforge.dp.noise.GaussianMechanism;
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

/** Time to add snapped Gaussian noise to a 10⁶-coordinate vector (parallel chunks over all cores). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class GaussianVectorBenchmark {
  @Param({"secure", "seeded"})
  public String source;

  private GaussianMechanism mechanism;
  private final double[] values = new double[1_000_000];

  @Setup(Level.Trial)
  public void setUp() {
    Randomness r = source.equals("secure") ? Randomness.secure() : Randomness.seededNotPrivate(2);
    mechanism = GaussianMechanism.builder().l2Sensitivity(1).rho(0.1).randomness(r).build();
  }

  @Benchmark
  public double[] millionCoordinates() {
    return mechanism.addNoise(values);
  }
}
