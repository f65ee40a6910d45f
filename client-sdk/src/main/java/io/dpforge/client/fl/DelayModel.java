package io.dpforge.client.fl;

import java.util.SplittableRandom;

/**
 * Simulated client completion times, in seconds of wall-clock time (research brief §7.2: clients sleep
 * to a sampled completion time, so the coordinator is measured rather than the training code). All
 * draws are seeded, non-private randomness.
 */
public sealed interface DelayModel {

  /** A per-client schedule of completion times. */
  interface Schedule {
    /** Completion time of client {@code client}'s next local round; call from that client's thread only. */
    double nextSeconds(int client);
  }

  /** The schedule for {@code clients} clients. */
  Schedule schedule(int clients, long seed);

  /** The command-line spelling. */
  String spec();

  /**
   * Heterogeneous speeds: client i always takes μ_i = exp(MU + S·Z_i), Z_i ~ N(0, 1) drawn once (the
   * deterministic case E ≡ 1 of §7.2, as in Fraboni et al.'s code). Median exp(MU), spread S.
   */
  record LogNormal(double mu, double sigma) implements DelayModel {
    public LogNormal {
      if (!Double.isFinite(mu) || !(sigma >= 0)) {
        throw new IllegalArgumentException("lognormal:MU,S needs a finite MU and S >= 0, got " + mu + "," + sigma);
      }
    }

    @Override
    public Schedule schedule(int clients, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      double[] speed = new double[clients];
      for (int i = 0; i < clients; i++) {
        speed[i] = Math.exp(mu + sigma * r.nextGaussian());
      }
      return client -> speed[client];
    }

    @Override
    public String spec() {
      return "lognormal:" + mu + "," + sigma;
    }
  }

  /** Homogeneous random times: every round of every client takes Exp(mean) seconds. */
  record Exponential(double mean) implements DelayModel {
    public Exponential {
      if (!(mean > 0)) {
        throw new IllegalArgumentException("exp:MEAN needs MEAN > 0, got " + mean);
      }
    }

    @Override
    public Schedule schedule(int clients, long seed) {
      SplittableRandom root = new SplittableRandom(seed);
      SplittableRandom[] perClient = new SplittableRandom[clients];
      for (int i = 0; i < clients; i++) {
        perClient[i] = root.split();
      }
      return client -> -mean * Math.log(1 - perClient[client].nextDouble());
    }

    @Override
    public String spec() {
      return "exp:" + mean;
    }
  }

  /**
   * Fraboni et al.'s time scenario F-X: client i always takes a time linearly spaced in [LO, HI]
   * (client 0 the slowest).
   */
  record FixedRange(double low, double high) implements DelayModel {
    public FixedRange {
      if (!(low >= 0 && high >= low)) {
        throw new IllegalArgumentException("fixed-range:LO,HI needs 0 <= LO <= HI, got " + low + "," + high);
      }
    }

    @Override
    public Schedule schedule(int clients, long seed) {
      return client -> clients == 1 ? high : high - (high - low) * client / (clients - 1.0);
    }

    @Override
    public String spec() {
      return "fixed-range:" + low + "," + high;
    }
  }

  /** Parses {@code lognormal:MU,S}, {@code exp:MEAN} or {@code fixed-range:LO,HI}. */
  static DelayModel parse(String spec) {
    String[] kind = spec.split(":", 2);
    try {
      if (kind.length == 2) {
        String[] a = kind[1].split(",");
        switch (kind[0]) {
          case "lognormal":
            if (a.length == 2) {
              return new LogNormal(Double.parseDouble(a[0]), Double.parseDouble(a[1]));
            }
            break;
          case "exp":
            if (a.length == 1) {
              return new Exponential(Double.parseDouble(a[0]));
            }
            break;
          case "fixed-range":
            if (a.length == 2) {
              return new FixedRange(Double.parseDouble(a[0]), Double.parseDouble(a[1]));
            }
            break;
          default:
            break;
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("delays '" + spec + "': " + e.getMessage());
    }
    throw new IllegalArgumentException("delays must be lognormal:MU,S, exp:MEAN or fixed-range:LO,HI (seconds); got '"
        + spec + "'");
  }
}
