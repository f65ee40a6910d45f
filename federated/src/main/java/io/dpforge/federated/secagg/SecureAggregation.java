package io.dpforge.federated.secagg;

import io.dpforge.federated.aggregate.MaskedCohort;
import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.security.ContributionSignatures;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Secure aggregation for a coordinator: opens one {@link SecAggCohort} per upload cohort (a FedAvg round,
 * a FedBuff buffer, a FedFix window; research brief federated.md §4.4) and lets the transport find a
 * member's seat. Plugged in with {@code Coordinator.builder(..).maskedCohorts(secureAggregation)}.
 */
public final class SecureAggregation implements MaskedCohort.Factory, AutoCloseable {
  private final SecAggSettings settings;
  private final SecureRandom random;
  private final ContributionSignatures contributionSignatures;
  private final CohortSignatures signatures;
  private final ScheduledExecutorService executor;
  private final Map<Long, SecAggCohort> cohorts = new ConcurrentHashMap<>();

  private SecureAggregation(Builder b) {
    this.settings = b.settings;
    this.random = b.random;
    this.contributionSignatures = b.signatures;
    this.signatures = b.signatures == null ? null : new CohortSignatures(b.signatures);
    this.executor = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "secure-aggregation");
      t.setDaemon(true);
      return t;
    });
  }

  public static Builder builder(SecAggSettings settings) {
    return new Builder(settings);
  }

  @Override
  public SecAggCohort open(String runId, long serial, int dimension) {
    SecAggCohort c = new SecAggCohort(new CohortContext(runId, serial), dimension, settings, random, executor,
        signatures, done -> cohorts.remove(done.serial(), done));
    cohorts.put(serial, c);
    return c;
  }

  /** A member's seat in a cohort that is open or sealing. */
  public Optional<CohortMember> member(long serial, ClientId client) {
    SecAggCohort c = cohorts.get(serial);
    return c == null ? Optional.empty() : c.member(client);
  }

  public SecAggSettings settings() {
    return settings;
  }

  /** The signature checks on members' keys and masked inputs, when required. */
  public Optional<ContributionSignatures> signatures() {
    return Optional.ofNullable(contributionSignatures);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** Builds a {@link SecureAggregation}. */
  public static final class Builder {
    private final SecAggSettings settings;
    private SecureRandom random = new SecureRandom();
    private ContributionSignatures signatures;

    private Builder(SecAggSettings settings) {
      this.settings = Objects.requireNonNull(settings);
    }

    /**
     * The source of the neighbour graphs (default: a new {@link SecureRandom}); a seeded one only in tests.
     */
    public Builder random(SecureRandom r) {
      this.random = Objects.requireNonNull(r);
      return this;
    }

    /** Requires members' keys and masked inputs to be signed, and logs applied inputs. */
    public Builder signatures(ContributionSignatures s) {
      this.signatures = s;
      return this;
    }

    public SecureAggregation build() {
      return new SecureAggregation(this);
    }
  }
}
