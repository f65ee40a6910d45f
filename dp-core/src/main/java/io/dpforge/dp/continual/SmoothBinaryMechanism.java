package io.dpforge.dp.continual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The smooth binary mechanism (Andersson and Pagh, NeurIPS 2023, arXiv 2306.09666; research brief
 * §b.4): a binary tree of height h whose leaves are used only if their h-bit label has exactly k ones,
 * in increasing order. Step t maps to the t-th such label λ_t; its release adds the noise of the k nodes
 * covering the leaves [0, λ_t) plus the leaf λ_t itself, so every step sums exactly k + 1 node noises and
 * the variance is the same at every step.
 *
 * <p>Sensitivity: a step's leaf lies only in the nodes that some release uses. Those are left children
 * (prefix nodes have even index), so the used ancestors of a leaf sit at its 0-bits, and this class
 * counts them exactly for the first T labels: Δ² = Δ₁ = c = max over used leaves of the number of used
 * nodes containing it (≤ h − k + 1). V_t = c·(k + 1) for every t. (h, k) is chosen to minimise that
 * product subject to C(h, k) ≥ T; at T = 2^20 this gives h = 23, k = 10, c = 14, V = 154 (the brief
 * reconstructs 156–169; the asymptotic log₂²T/4 = 100 is far from reach at this T).
 *
 * <p>Nodes are integer sums, so the exact discrete samplers apply. The stream recomputes the k prefix
 * nodes from the label and caches the noise of each level's current node, so consecutive labels, which
 * share their high bits, draw about two new nodes per step on average.
 */
public final class SmoothBinaryMechanism extends TreeMechanism {
  private static final String TAG = "smooth/1";
  private final int height;
  private final int ones;
  private final int coverage; // used nodes containing a leaf, maximised over used leaves

  private SmoothBinaryMechanism(long horizon, int height, int ones, int coverage) {
    super(horizon, coverage);
    this.height = height;
    this.ones = ones;
    this.coverage = coverage;
  }

  /** The smooth binary mechanism with the (h, k) that minimises its variance for horizon T. */
  public static SmoothBinaryMechanism withHorizon(long horizon) {
    Horizon.check(horizon);
    int minHeight = 1;
    while (binomial(minHeight, minHeight / 2) < horizon) {
      minHeight++;
    }
    List<int[]> candidates = new ArrayList<>();
    for (int h = minHeight; h <= minHeight + 3 && h <= 62; h++) {
      for (int k = 0; k <= h; k++) {
        if (binomial(h, k) >= horizon) {
          candidates.add(new int[] {h, k});
        }
      }
    }
    // (k + 1)(h − k + 1) bounds the exact variance from above; evaluate the most promising first.
    candidates.sort(Comparator.comparingLong(c -> (long) (c[1] + 1) * (c[0] - c[1] + 1)));
    SmoothBinaryMechanism best = null;
    for (int[] c : candidates) {
      long bound = (long) (c[1] + 1) * (c[0] - c[1] + 1);
      if (best != null && bound >= best.varianceCoefficient()) {
        break;
      }
      SmoothBinaryMechanism m = withShape(horizon, c[0], c[1]);
      if (best == null || m.varianceCoefficient() < best.varianceCoefficient()) {
        best = m;
      }
    }
    return best;
  }

  /**
   * The smooth binary mechanism with a given tree height and number of ones per used label.
   *
   * @throws IllegalArgumentException if C(h, k) < T
   */
  public static SmoothBinaryMechanism withShape(long horizon, int height, int ones) {
    Horizon.check(horizon);
    if (height < 1 || height > 62 || ones < 0 || ones > height) {
      throw new IllegalArgumentException("need 1 ≤ h ≤ 62 and 0 ≤ k ≤ h, got h = " + height + ", k = " + ones);
    }
    if (binomial(height, ones) < horizon) {
      throw new IllegalArgumentException("C(" + height + ", " + ones + ") = " + binomial(height, ones)
          + " labels cannot cover " + horizon + " steps");
    }
    long label = firstLabel(ones);
    int coverage = 0;
    long last = label;
    for (long t = 1; t < horizon; t++) {
      last = nextLabel(last);
    }
    for (long t = 1; t <= horizon; t++) {
      coverage = Math.max(coverage, usedAncestors(label, height, ones, last));
      if (t < horizon) {
        label = nextLabel(label);
      }
    }
    return new SmoothBinaryMechanism(horizon, height, ones, coverage);
  }

  /** The number of used nodes containing leaf λ (the leaf itself and used ancestors at its 0-bits). */
  private static int usedAncestors(long leaf, int height, int ones, long lastLabel) {
    int count = 1;
    for (int level = 1; level < height; level++) {
      long ancestor = leaf >> level;
      if ((ancestor & 1) != 0) {
        continue; // a right child: never a prefix node
      }
      // The node is used iff some label λ' ≤ λ_T has λ' >> level == ancestor + 1 (and bit `level` set);
      // the smallest label with that prefix puts its remaining ones in the lowest bits.
      long prefix = ancestor + 1;
      int remaining = ones - Long.bitCount(prefix);
      if (remaining >= 0 && remaining <= level) {
        long smallest = (prefix << level) | ((1L << remaining) - 1);
        if (smallest <= lastLabel) {
          count++;
        }
      }
    }
    return count;
  }

  /** The leaf label λ_t of step t (O(t); for checks). */
  long leafOfStep(long t) {
    Horizon.checkStep(t, horizon());
    long label = firstLabel(ones);
    for (long i = 1; i < t; i++) {
      label = nextLabel(label);
    }
    return label;
  }

  private static long firstLabel(int ones) {
    return (1L << ones) - 1;
  }

  /** The next larger number with the same popcount (Gosper's hack). */
  private static long nextLabel(long label) {
    if (label == 0) {
      throw new IllegalStateException("no second label with zero ones");
    }
    long lowest = label & -label;
    long ripple = label + lowest;
    return (((ripple ^ label) >>> 2) / lowest) | ripple;
  }

  private static long binomial(int n, int k) {
    if (k < 0 || k > n) {
      return 0;
    }
    long result = 1;
    for (int i = 1; i <= Math.min(k, n - k); i++) {
      result = result * (n - Math.min(k, n - k) + i) / i; // exact: a binomial at every step
      if (result > (1L << 50)) {
        return 1L << 50;
      }
    }
    return result;
  }

  @Override
  public String name() {
    return "smooth";
  }

  /** Tree height h. */
  public int height() {
    return height;
  }

  /** Ones per used label, k. */
  public int ones() {
    return ones;
  }

  private double varianceCoefficient() {
    return (double) coverage * (ones + 1);
  }

  @Override
  public double varianceCoefficient(long t) {
    Horizon.checkStep(t, horizon());
    return varianceCoefficient();
  }

  @Override
  public VarianceSummary varianceSummary() {
    return new VarianceSummary(varianceCoefficient(), varianceCoefficient());
  }

  @Override
  public StateSize stateSize() {
    return stateSize(TAG, ones + 1, 24 + 16L * height, "sum, step, label, " + ones + " node noises");
  }

  @Override
  CounterStream openStream(NoiseDraws draws) {
    return new Stream(draws, 0, 0, 0, new long[height]);
  }

  @Override
  CounterStream restoreStream(byte[] state, NoiseDraws draws) {
    StreamStateCodec.Reader in = new StreamStateCodec.Reader(state, TAG);
    long steps = in.readLong();
    long exactSum = in.readLong();
    long label = in.readLong();
    long[] noise = new long[height];
    for (long rest = label; rest != 0; rest &= rest - 1) {
      noise[Long.numberOfTrailingZeros(rest)] = in.readLong();
    }
    return new Stream(draws, steps, exactSum, label, noise);
  }

  private final class Stream implements CounterStream {
    private final NoiseDraws draws;
    private final long[] cachedIndex = new long[height];
    private final long[] cachedNoise;
    private long steps;
    private long exactSum;
    private long label;

    Stream(NoiseDraws draws, long steps, long exactSum, long label, long[] prefixNoise) {
      this.draws = draws;
      this.steps = steps;
      this.exactSum = exactSum;
      this.label = label;
      this.cachedNoise = prefixNoise;
      Arrays.fill(cachedIndex, -1);
      if (steps > 0) {
        for (long rest = label; rest != 0; rest &= rest - 1) {
          int level = Long.numberOfTrailingZeros(rest);
          cachedIndex[level] = (label >> level) - 1;
        }
      }
    }

    @Override
    public double release(long count) {
      if (steps >= horizon()) {
        throw Horizon.exhausted(horizon());
      }
      label = steps == 0 ? firstLabel(ones) : nextLabel(label);
      steps++;
      exactSum = Math.addExact(exactSum, count);
      long noise = draws.draw(DyadicTree.node(0, label)); // the step's own leaf
      for (long rest = label; rest != 0; rest &= rest - 1) {
        int level = Long.numberOfTrailingZeros(rest);
        long index = (label >> level) - 1;
        if (cachedIndex[level] != index) {
          cachedIndex[level] = index;
          cachedNoise[level] = draws.draw(DyadicTree.node(level, index));
        }
        noise = Math.addExact(noise, cachedNoise[level]);
      }
      return (double) Math.addExact(exactSum, noise);
    }

    @Override
    public long steps() {
      return steps;
    }

    @Override
    public byte[] saveState() {
      StreamStateCodec.Writer out =
          new StreamStateCodec.Writer(TAG).writeLong(steps).writeLong(exactSum).writeLong(label);
      for (long rest = label; rest != 0; rest &= rest - 1) {
        out.writeLong(cachedNoise[Long.numberOfTrailingZeros(rest)]);
      }
      return out.toBytes();
    }
  }
}
