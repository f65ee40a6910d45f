package io.dpforge.dp.continual;

import java.util.Arrays;

/**
 * The binary tree mechanism (Dwork, Naor, Pitassi and Rothblum, STOC 2010; Chan, Shi and Song, TISSEC
 * 2011; research brief §b.2). Every dyadic node of the L = ⌊log₂T⌋ + 1 levels gets one noise draw; the
 * release at step t adds the noise of the popcount(t) nodes whose disjoint union is [1, t].
 *
 * <p>Each step lies in one node per level, so Δ² = L (L2) and Δ₁ = L (L1); V_t = L·popcount(t). At
 * T = 2^20: V_max = 420, V_mean = 210. The strategy matrix is 0/1, so the noisy node sums are integers
 * plus integer noise: the exact discrete Gaussian (ρ-zCDP) or discrete Laplace (ε-DP) applies directly.
 *
 * <p>The stream keeps the noise of the current prefix nodes (one per 1-bit of t) and draws one new node
 * per step, the amortised-O(1) form of DP-FTRL's {@code CummuNoiseTorch}.
 */
public final class BinaryTreeMechanism extends TreeMechanism {
  private static final String TAG = "tree/1";
  private final int levels;
  private final double[] ones;

  private BinaryTreeMechanism(long horizon) {
    super(horizon, DyadicTree.levels(horizon));
    this.levels = DyadicTree.levels(horizon);
    this.ones = new double[levels];
    Arrays.fill(ones, 1.0);
  }

  public static BinaryTreeMechanism withHorizon(long horizon) {
    return new BinaryTreeMechanism(horizon);
  }

  @Override
  public String name() {
    return "tree";
  }

  /** L = ⌊log₂T⌋ + 1. */
  public int levels() {
    return levels;
  }

  @Override
  public double varianceCoefficient(long t) {
    Horizon.checkStep(t, horizon());
    return (double) levels * Long.bitCount(t);
  }

  @Override
  public VarianceSummary varianceSummary() {
    return DyadicTree.bitWeightSummary(horizon(), levels, ones);
  }

  @Override
  public StateSize stateSize() {
    return stateSize(TAG, levels, 0, "sum, step, ≤ " + levels + " node noises");
  }

  @Override
  CounterStream openStream(NoiseDraws draws) {
    return new Stream(draws, 0, 0, new long[levels]);
  }

  @Override
  CounterStream restoreStream(byte[] state, NoiseDraws draws) {
    StreamStateCodec.Reader in = new StreamStateCodec.Reader(state, TAG);
    long steps = in.readLong();
    long exactSum = in.readLong();
    long[] nodeNoise = new long[levels];
    for (long rest = steps; rest != 0; rest &= rest - 1) {
      nodeNoise[Long.numberOfTrailingZeros(rest)] = in.readLong();
    }
    return new Stream(draws, steps, exactSum, nodeNoise);
  }

  private final class Stream implements CounterStream {
    private final NoiseDraws draws;
    private final long[] nodeNoise; // noise of prefix node at each level, for the 1-bits of steps
    private long steps;
    private long exactSum;
    private long noiseSum;

    Stream(NoiseDraws draws, long steps, long exactSum, long[] nodeNoise) {
      this.draws = draws;
      this.steps = steps;
      this.exactSum = exactSum;
      this.nodeNoise = nodeNoise;
      for (long rest = steps; rest != 0; rest &= rest - 1) {
        noiseSum = Math.addExact(noiseSum, nodeNoise[Long.numberOfTrailingZeros(rest)]);
      }
    }

    @Override
    public double release(long count) {
      if (steps >= horizon()) {
        throw Horizon.exhausted(horizon());
      }
      long t = ++steps;
      exactSum = Math.addExact(exactSum, count);
      // t-1 ends in `low` 1-bits: their nodes merge into the new node at level `low`.
      int low = Long.numberOfTrailingZeros(t);
      for (int level = 0; level < low; level++) {
        noiseSum -= nodeNoise[level];
        nodeNoise[level] = 0;
      }
      long z = draws.draw(DyadicTree.node(low, (t >> low) - 1));
      nodeNoise[low] = z;
      noiseSum = Math.addExact(noiseSum, z);
      return (double) Math.addExact(exactSum, noiseSum);
    }

    @Override
    public long steps() {
      return steps;
    }

    @Override
    public byte[] saveState() {
      StreamStateCodec.Writer out = new StreamStateCodec.Writer(TAG).writeLong(steps).writeLong(exactSum);
      for (long rest = steps; rest != 0; rest &= rest - 1) {
        out.writeLong(nodeNoise[Long.numberOfTrailingZeros(rest)]);
      }
      return out.toBytes();
    }
  }
}
