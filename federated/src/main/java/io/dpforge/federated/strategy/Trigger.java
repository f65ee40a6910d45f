package io.dpforge.federated.strategy;

import java.time.Duration;

/**
 * When the coordinator closes an upload cohort and applies it as one server step. The four schemes
 * of Fraboni et al. (JMLR 2023, §2, Table 1) differ only here and in the {@link WeightRule}.
 */
public sealed interface Trigger {

  /**
   * Synchronous FedAvg rounds: select {@code ⌈cohortSize·(1 + overSelection)⌉} idle clients, apply
   * the first {@code cohortSize} updates, or what arrived when {@code roundTimeout} expires.
   */
  record Rounds(int cohortSize, double overSelection, Duration roundTimeout) implements Trigger {
    public Rounds {
      if (cohortSize < 1) {
        throw new IllegalArgumentException("cohort size must be >= 1, got " + cohortSize);
      }
      if (!(overSelection >= 0 && overSelection <= 10)) {
        throw new IllegalArgumentException("over-selection must be in [0, 10], got " + overSelection);
      }
      requirePositive(roundTimeout, "round timeout");
    }

    /** How many clients a round hands the model to. */
    public int selectCount() {
      return (int) Math.ceil(cohortSize * (1.0 + overSelection) - 1e-9);
    }
  }

  /** Apply after every {@code count} arrivals: 1 is asynchronous FedAvg, K is FedBuff's buffer. */
  record Arrivals(int count) implements Trigger {
    public Arrivals {
      if (count < 1) {
        throw new IllegalArgumentException("buffer size must be >= 1, got " + count);
      }
    }
  }

  /**
   * FedFix: a server timer applies whatever arrived in the last {@code period}; clients still
   * computing keep going on the model they hold.
   */
  record Timer(Duration period) implements Trigger {
    public Timer {
      requirePositive(period, "FedFix period");
    }
  }

  private static void requirePositive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
