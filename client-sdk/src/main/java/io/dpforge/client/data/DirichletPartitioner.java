package io.dpforge.client.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DirichletSampler;

/**
 * Splits a labelled dataset among N clients with Dirichlet(α) label skew, the standard non-IID
 * federated benchmark (Hsu, Qi and Brown 2019, "Measuring the effects of non-identical data
 * distribution for federated visual classification", arXiv 1909.06335): for every class c, proportions
 * p_c ~ Dir(α·1_N) are drawn and the (shuffled) examples of class c are cut into N consecutive runs of
 * sizes ≈ p_c·n_c. Small α gives each client few classes; α → ∞ tends to an IID split.
 *
 * <p>The split is a pure function of the seed (non-private randomness: it only simulates how data happen
 * to be spread). As in common benchmark code (e.g. NIID-Bench, Li et al. 2022), the whole draw is
 * repeated until every client holds at least {@code minimumPerClient} examples.
 */
public final class DirichletPartitioner {
  private static final int MAX_DRAWS = 1000;

  private final int clients;
  private final double alpha;
  private final long seed;
  private final int minimumPerClient;

  private DirichletPartitioner(Builder b) {
    this.clients = b.clients;
    this.alpha = b.alpha;
    this.seed = b.seed;
    this.minimumPerClient = b.minimumPerClient;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Example indices of each client, each list in increasing order; together they cover every example once. */
  public int[][] assign(Dataset data) {
    if ((long) clients * minimumPerClient > data.size()) {
      throw new IllegalArgumentException(clients + " clients × " + minimumPerClient
          + " examples each exceed the " + data.size() + " examples available");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int[][] byClass = examplesByClass(data);
    for (int draw = 0; draw < MAX_DRAWS; draw++) {
      int[][] assignment = drawOnce(byClass, rng);
      if (Arrays.stream(assignment).allMatch(a -> a.length >= minimumPerClient)) {
        return assignment;
      }
    }
    throw new IllegalStateException("no Dirichlet(" + alpha + ") split gave every one of " + clients
        + " clients at least " + minimumPerClient + " examples in " + MAX_DRAWS + " draws; raise alpha or"
        + " lower the minimum");
  }

  /** The clients' datasets (copies), in client order. */
  public List<Dataset> split(Dataset data) {
    List<Dataset> parts = new ArrayList<>(clients);
    for (int[] rows : assign(data)) {
      parts.add(data.select(rows));
    }
    return parts;
  }

  private int[][] drawOnce(int[][] byClass, SplittableRandom rng) {
    UniformRandomProvider urp = rng::nextLong;
    DirichletSampler dirichlet = DirichletSampler.symmetric(urp, clients, alpha);
    List<List<Integer>> perClient = new ArrayList<>(clients);
    for (int k = 0; k < clients; k++) {
      perClient.add(new ArrayList<>());
    }
    for (int[] members : byClass) {
      int[] shuffled = members.clone();
      shuffle(shuffled, rng);
      double[] p = dirichlet.sample();
      double cumulative = 0;
      int start = 0;
      for (int k = 0; k < clients; k++) {
        cumulative += p[k];
        int end = k == clients - 1 ? shuffled.length : (int) Math.round(cumulative * shuffled.length);
        end = Math.max(start, Math.min(shuffled.length, end));
        for (int i = start; i < end; i++) {
          perClient.get(k).add(shuffled[i]);
        }
        start = end;
      }
    }
    int[][] assignment = new int[clients][];
    for (int k = 0; k < clients; k++) {
      assignment[k] = perClient.get(k).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return assignment;
  }

  private static int[][] examplesByClass(Dataset data) {
    int[] counts = data.classCounts();
    int[][] byClass = new int[counts.length][];
    int[] fill = new int[counts.length];
    for (int c = 0; c < counts.length; c++) {
      byClass[c] = new int[counts[c]];
    }
    for (int i = 0; i < data.size(); i++) {
      int c = data.label(i);
      byClass[c][fill[c]++] = i;
    }
    return byClass;
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Options of a {@link DirichletPartitioner}. */
  public static final class Builder {
    private int clients = 2;
    private double alpha = 0.5;
    private long seed;
    private int minimumPerClient = 1;

    private Builder() {}

    /** Number of clients N (default 2). */
    public Builder clients(int clients) {
      if (clients < 1) {
        throw new IllegalArgumentException("clients must be >= 1, got " + clients);
      }
      this.clients = clients;
      return this;
    }

    /** Concentration α > 0 (default 0.5). */
    public Builder alpha(double alpha) {
      if (!(alpha > 0) || Double.isInfinite(alpha)) {
        throw new IllegalArgumentException("alpha must be finite and > 0, got " + alpha);
      }
      this.alpha = alpha;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Redraw until every client has at least this many examples (default 1). */
    public Builder minimumPerClient(int minimum) {
      if (minimum < 0) {
        throw new IllegalArgumentException("minimumPerClient must be >= 0, got " + minimum);
      }
      this.minimumPerClient = minimum;
      return this;
    }

    public DirichletPartitioner build() {
      return new DirichletPartitioner(this);
    }
  }
}
