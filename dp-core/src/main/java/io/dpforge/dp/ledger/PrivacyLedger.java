package io.dpforge.dp.ledger;

import io.dpforge.dp.accounting.RdpCurve;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The budget ledger: every release is charged here before its noisy value exists, and a charge that
 * would exceed the budget is refused with {@link BudgetExceededException}.
 *
 * <pre>{@code
 * PrivacyLedger ledger = PrivacyLedger.builder()
 *     .budget(Budget.zcdp(1.0))
 *     .persistTo(Path.of("run/privacy-ledger.json"))   // optional: reloads what a previous run spent
 *     .build();
 * ledger.charge(Charge.gaussian("2-way marginals", 1.0, sigma).using(randomness));
 * }</pre>
 *
 * <p>With {@link Builder#persistTo}, the ledger file is rewritten atomically (temp file, then move)
 * after every charge and before {@code charge} returns, under an exclusive lock on a sibling
 * {@code .lock} file; each charge first re-reads the file, so a restarted job, or a second process on
 * the same file, sees everything already spent and cannot spend it twice.
 *
 * <p>Thread-safe.
 */
public final class PrivacyLedger {
  private static final java.util.concurrent.ConcurrentMap<Path, Object> IN_PROCESS_LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Budget budget;
  private final Path file;
  private final Clock clock;
  private final List<LedgerEntry> entries = new ArrayList<>();

  private PrivacyLedger(Builder b) {
    this.budget = b.budget;
    this.file = b.file;
    this.clock = b.clock;
    if (file != null) {
      withFileLock(() -> {
        if (Files.exists(file)) {
          reload();
        } else {
          LedgerFile.write(file, budget, entries, total());
        }
      });
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Records a release, or refuses it.
   *
   * @return the recorded entry
   * @throws BudgetExceededException if the charge would take spending over the budget
   * @throws IllegalArgumentException if the charge does not state its randomness
   *     ({@link Charge#using}) or the budget cannot account for its kind of cost
   */
  public synchronized LedgerEntry charge(Charge charge) {
    if (charge.randomness() == null) {
      throw new IllegalArgumentException("charge '" + charge.released() + "' does not say which randomness made"
          + " its noise; call Charge.using(randomness)");
    }
    budget.checkAccepts(charge.cost(), charge.released());
    LedgerEntry[] recorded = new LedgerEntry[1];
    Runnable record = () -> {
      RdpCurve before = total();
      double spentBefore = budget.spent(before);
      double spentAfter = budget.spent(before.plus(charge.cost()));
      if (!budget.allows(spentAfter)) {
        throw new BudgetExceededException(charge.released(), budget, spentBefore, spentAfter);
      }
      LedgerEntry entry = new LedgerEntry(entries.size() + 1, clock.instant(), charge.mechanism(), charge.released(),
          charge.sensitivity(), charge.noiseScale(), charge.cost(), charge.randomness(), charge.privateRandomness());
      entries.add(entry);
      if (file != null) {
        try {
          LedgerFile.write(file, budget, entries, total());
        } catch (RuntimeException e) {
          entries.remove(entries.size() - 1); // not persisted: not spent, and nothing may be released
          throw e;
        }
      }
      recorded[0] = entry;
    };
    if (file == null) {
      record.run();
    } else {
      withFileLock(() -> {
        reload();
        record.run();
      });
    }
    return recorded[0];
  }

  /** Whether {@code charge} would be accepted now (a later charge by another process may change that). */
  public synchronized boolean wouldAccept(RdpCurve cost) {
    return budget.allows(budget.spent(total().plus(cost)));
  }

  public Budget budget() {
    return budget;
  }

  /** Spent so far, in the budget's unit. */
  public synchronized double spent() {
    return budget.spent(total());
  }

  /** What is left, in the budget's unit (never negative). */
  public synchronized double remaining() {
    return Math.max(0, budget.limit() - spent());
  }

  /** The composition of every recorded cost. */
  public synchronized RdpCurve totalCost() {
    return total();
  }

  public synchronized List<LedgerEntry> entries() {
    return List.copyOf(entries);
  }

  /** {@code false} as soon as one release used non-private (seeded) randomness. */
  public synchronized boolean allPrivate() {
    return entries.stream().allMatch(LedgerEntry::privateRandomness);
  }

  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The composed cost; the ρ parts are summed with Neumaier compensation so splits add up exactly. */
  private RdpCurve total() {
    RdpCurve tabulated = RdpCurve.ZERO;
    boolean gaussian = true;
    double sum = 0;
    double compensation = 0;
    for (LedgerEntry e : entries) {
      double rho = e.cost().rho();
      double t = sum + rho;
      compensation += Math.abs(sum) >= Math.abs(rho) ? (sum - t) + rho : (rho - t) + sum;
      sum = t;
      gaussian &= e.cost().isGaussian();
      if (!e.cost().isZcdp()) {
        tabulated = tabulated.plus(RdpCurve.tabulated(e.cost().orders(), e.cost().tabulatedValues()));
      }
    }
    double rho = sum + compensation;
    return (gaussian ? RdpCurve.gaussianWithRho(rho) : RdpCurve.zcdp(rho)).plus(tabulated);
  }

  private void reload() {
    LedgerFile.Contents contents = LedgerFile.read(file);
    if (!contents.budget().equals(budget)) {
      throw new io.dpforge.dp.data.InvalidInputException(file + ": field 'budget': the ledger was created for "
          + describe(contents.budget()) + " but this run asks for " + describe(budget)
          + "; a budget cannot be changed once spending has started");
    }
    entries.clear();
    entries.addAll(contents.entries());
  }

  private static String describe(Budget b) {
    return b.unit() + " = " + b.limit();
  }

  /**
   * Runs {@code action} holding the ledger file's lock: a JVM-wide monitor per file (file locks are
   * per process) and an exclusive lock on the sibling {@code .lock} file (across processes).
   */
  private void withFileLock(Runnable action) {
    Path lockFile = file.toAbsolutePath().normalize().resolveSibling(file.getFileName() + ".lock");
    try {
      Files.createDirectories(lockFile.getParent());
      synchronized (IN_PROCESS_LOCKS.computeIfAbsent(lockFile, k -> new Object())) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock ignored = channel.lock()) {
          action.run();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock privacy ledger " + file + ": " + e.getMessage(), e);
    }
  }

  /** Builds a {@link PrivacyLedger}. */
  public static final class Builder {
    private Budget budget;
    private Path file;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The total budget (required). */
    public Builder budget(Budget budget) {
      this.budget = budget;
      return this;
    }

    /** Keep the ledger in this JSON file, reloading what it already records. */
    public Builder persistTo(Path file) {
      this.file = file;
      return this;
    }

    /** The clock that stamps entries (tests pin it). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public PrivacyLedger build() {
      if (budget == null) {
        throw new IllegalArgumentException("a privacy ledger needs a budget: Budget.zcdp(ρ) or Budget.approxDp(ε, δ)");
      }
      return new PrivacyLedger(this);
    }
  }
}
