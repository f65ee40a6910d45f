package io.dpforge.dp.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.accounting.AnalyticGaussian;
import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.random.Randomness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivacyLedgerTest {
  private static final Randomness SECURE = Randomness.secure();

  @TempDir
  Path dir;

  private static Charge gaussian(String what, double sigma) {
    return Charge.gaussian(what, 1, sigma).using(SECURE);
  }

  @Test
  void refusesOverspendingWithSpentRequestedAndRemaining() {
    PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.zcdp(0.5)).build();
    ledger.charge(gaussian("marginals", 1.25)); // ρ = 0.32
    BudgetExceededException e = assertThrows(BudgetExceededException.class, () -> ledger.charge(gaussian("more", 1.25)));
    assertEquals(0.32, e.spent(), 1e-12);
    assertEquals(0.32, e.requested(), 1e-12);
    assertEquals(0.18, e.remaining(), 1e-12);
    assertTrue(e.getMessage().contains("'more'") && e.getMessage().contains("0.32") && e.getMessage().contains("0.5"),
        e.getMessage());
    assertEquals(1, ledger.entries().size());
    assertEquals(0.18, ledger.remaining(), 1e-12);
  }

  /** A budget split into n equal pieces is spendable in full, whatever the rounding, and not one ulp more. */
  @Test
  void splitsAddUpToTheBudgetExactly() {
    for (int pieces : new int[] {3, 7, 10, 49, 1000}) {
      double rho = 0.9;
      PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.zcdp(rho)).build();
      for (int i = 0; i < pieces; i++) {
        ledger.charge(Charge.of("gaussian", "piece " + i, 1, 1, RdpCurve.zcdp(rho / pieces)).using(SECURE));
      }
      assertEquals(rho, ledger.spent(), 1e-12 * rho);
      assertThrows(BudgetExceededException.class,
          () -> ledger.charge(Charge.of("gaussian", "extra", 1, 1, RdpCurve.zcdp(1e-6)).using(SECURE)));
    }
  }

  /** An (ε, δ) budget spent by one analytic-Gaussian release calibrated to exactly that budget. */
  @Test
  void approxDpBudgetTakesAnAnalyticGaussianCalibratedToIt() {
    PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.approxDp(1, 1e-5)).build();
    double sigma = AnalyticGaussian.sigma(1, 1, 1e-5);
    ledger.charge(gaussian("all of it", sigma));
    assertEquals(1, ledger.spent(), 1e-9);
    assertThrows(BudgetExceededException.class, () -> ledger.charge(gaussian("tiny more", 1000)));
  }

  @Test
  void approxDpBudgetComposesTabulatedCurves() {
    PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.approxDp(3, 1e-5)).build();
    RdpCurve step = RdpCurve.tabulated(new double[] {2, 4, 8, 16, 32}, new double[] {0.01, 0.02, 0.04, 0.08, 0.5});
    ledger.charge(Charge.of("subsampled-gaussian", "10 steps", 1, 1, step.times(10)).using(SECURE));
    double expected = step.times(10).epsilon(1e-5);
    assertEquals(expected, ledger.spent(), 1e-12);
    assertThrows(BudgetExceededException.class,
        () -> ledger.charge(Charge.of("subsampled-gaussian", "100 steps", 1, 1, step.times(100)).using(SECURE)));
    PrivacyLedger rhoLedger = PrivacyLedger.builder().budget(Budget.zcdp(10)).build();
    assertThrows(IllegalArgumentException.class,
        () -> rhoLedger.charge(Charge.of("subsampled-gaussian", "steps", 1, 1, step).using(SECURE)));
  }

  @Test
  void chargesMustStateTheirRandomness() {
    PrivacyLedger ledger = PrivacyLedger.builder().budget(Budget.zcdp(1)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ledger.charge(Charge.gaussian("x", 1, 2)));
    assertTrue(e.getMessage().contains("using(randomness)"), e.getMessage());
  }

  /** A restarted job reloads the file and cannot spend the same budget again. */
  @Test
  void persistsAtomicallyAndReloadsAcrossRestarts() throws Exception {
    Path file = dir.resolve("run/ledger.json");
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    PrivacyLedger first = PrivacyLedger.builder().budget(Budget.zcdp(1)).persistTo(file).clock(clock).build();
    first.charge(gaussian("round 1 marginals", 1)); // ρ = 0.5
    first.charge(Charge.laplace("row count", 1, 10).using(Randomness.seededNotPrivate(1))); // ρ = 0.005

    PrivacyLedger restarted = PrivacyLedger.builder().budget(Budget.zcdp(1)).persistTo(file).build();
    assertEquals(0.505, restarted.spent(), 1e-12);
    assertEquals(2, restarted.entries().size());
    LedgerEntry e = restarted.entries().get(0);
    assertEquals("round 1 marginals", e.released());
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), e.time());
    assertEquals(1.0, e.noiseScale());
    assertTrue(e.cost().isGaussian());
    assertFalse(restarted.allPrivate());
    assertThrows(BudgetExceededException.class, () -> restarted.charge(gaussian("round 1 again", 1)));

    String json = Files.readString(file);
    assertTrue(json.contains("NOT PRIVATE"), json);
    assertTrue(json.contains("\"private_randomness\" : false"), json);
    try (var files = Files.list(file.getParent())) {
      assertEquals(2, files.count(), "only the ledger and its lock file; no temp files left behind");
    }
  }

  /** Two ledgers on one file (two jobs) see each other's spending. */
  @Test
  void concurrentLedgersOnOneFileShareTheBudget() {
    Path file = dir.resolve("shared.json");
    PrivacyLedger a = PrivacyLedger.builder().budget(Budget.zcdp(1)).persistTo(file).build();
    PrivacyLedger b = PrivacyLedger.builder().budget(Budget.zcdp(1)).persistTo(file).build();
    a.charge(gaussian("from a", 1));
    b.charge(gaussian("from b", 1));
    assertThrows(BudgetExceededException.class, () -> a.charge(gaussian("a again", 10)));
    assertEquals(2, b.entries().size());
  }

  @Test
  void aDifferentBudgetOrACorruptFileIsBadInputNamingTheField() throws Exception {
    Path file = dir.resolve("ledger.json");
    PrivacyLedger.builder().budget(Budget.zcdp(1)).persistTo(file).build().charge(gaussian("x", 2));
    InvalidInputException changed = assertThrows(InvalidInputException.class,
        () -> PrivacyLedger.builder().budget(Budget.zcdp(2)).persistTo(file).build());
    assertTrue(changed.getMessage().contains("field 'budget'") && changed.getMessage().contains(file.toString()),
        changed.getMessage());

    Files.writeString(file, Files.readString(file).replace("\"rho\" : 0.125", "\"rho\" : \"lots\""));
    InvalidInputException corrupt = assertThrows(InvalidInputException.class,
        () -> PrivacyLedger.builder().budget(Budget.zcdp(1)).persistTo(file).build());
    assertTrue(corrupt.getMessage().contains("entries[0].cost.rho"), corrupt.getMessage());

    Files.writeString(file, "{not json");
    assertThrows(InvalidInputException.class, () -> PrivacyLedger.builder().budget(Budget.zcdp(1)).persistTo(file).build());
  }
}
