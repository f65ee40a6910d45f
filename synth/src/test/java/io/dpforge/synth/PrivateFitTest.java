package io.dpforge.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.data.EncodedTable;
import io.dpforge.dp.ledger.BudgetExceededException;
import io.dpforge.dp.ledger.Budget;
import io.dpforge.dp.ledger.PrivacyLedger;
import io.dpforge.dp.random.Randomness;
import io.dpforge.synth.eval.WorkloadEvaluation;
import io.dpforge.synth.ga.GaConfig;
import io.dpforge.synth.mechanism.Release;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The private path: budget accounting in every mode, and utility against the independent baseline. */
class PrivateFitTest {
  private static final EncodedTable TABLE = TestData.cps();

  @ParameterizedTest
  @CsvSource({"ONE_SHOT,ADD_REMOVE", "ONE_SHOT,REPLACE_ONE", "ADAPTIVE,ADD_REMOVE", "ADAPTIVE,REPLACE_ONE"})
  void theLedgerSpendsExactlyTheRequestedRho(Mode mode, Neighbours neighbours) {
    var domain = TestData.cpsDomain();
    Workload workload = WorkloadSpec.parse("marginals:2+prefix:1:4", domain);
    PrivacyBudget budget = PrivacyBudget.of(1.0, 1e-9);
    SynthesisResult r = Synthesizer.builder().mode(mode).neighbours(neighbours).syntheticRows(200).rounds(3)
        .noise(Randomness.seededNotPrivate(5))
        .geneticAlgorithm(GaConfig.defaults().withThreads(1).withMaxGenerations(300))
        .build()
        .fit(TABLE, domain, workload, budget);
    SynthesisReport report = r.report();
    assertEquals(budget.rho(), report.rhoSpent(), 1e-12 * budget.rho(), "ledger total");
    double sum = report.releases().stream().mapToDouble(Release::rho).sum();
    assertEquals(budget.rho(), sum, 1e-12 * budget.rho(), "sum of the releases");
    assertFalse(report.privateRun(), "seeded noise is not private");
    assertTrue(report.noise().contains("NOT PRIVATE"), report.noise());
    assertEquals(neighbours == Neighbours.REPLACE_ONE, report.rowCountPublic());
    boolean countReleased = report.releases().get(0).released().equals("row count");
    assertEquals(neighbours == Neighbours.ADD_REMOVE, countReleased);
    if (mode == Mode.ADAPTIVE) {
      // 25 sets: K = 25 / 6 = 4 picks per round for 3 rounds, each round a selection then 4 measurements.
      assertEquals(3, report.rounds().size());
      assertEquals(12, report.measuredSets().size());
      assertEquals(3, report.releases().stream().filter(x -> x.mechanism().equals("gumbel-top-k")).count());
    } else {
      assertEquals(workload.sets(), report.measuredSets().size());
    }
  }

  @Test
  void aLedgerWithTooLittleBudgetRefusesTheRun() {
    var domain = TestData.cpsDomain();
    PrivacyLedger small = PrivacyLedger.builder().budget(Budget.zcdp(0.001)).build();
    assertThrows(BudgetExceededException.class, () -> Synthesizer.builder().ledger(small)
        .noise(Randomness.seededNotPrivate(1)).build()
        .fit(TABLE, domain, WorkloadSpec.parse("marginals:1", domain), PrivacyBudget.ofRho(0.01)));
  }

  @Test
  void atEpsilonOneThreeWayErrorIsWellBelowTheIndependentBaseline() {
    var domain = TestData.cpsDomain();
    Workload three = WorkloadSpec.parse("marginals:3", domain);
    PrivacyBudget budget = PrivacyBudget.of(1.0, 1e-9);
    SynthesisResult r = Synthesizer.builder().syntheticRows(2000).noise(Randomness.seededNotPrivate(11))
        .geneticAlgorithm(GaConfig.defaults().withThreads(2).withSeed(3))
        .build()
        .fit(TABLE, domain, three, budget);
    double ours = WorkloadEvaluation.compare(three, TABLE, r.synthetic()).get(0).meanL1();
    EncodedTable independent = IndependentMarginals.synthesize(TABLE, budget, Neighbours.ADD_REMOVE, 2000,
        Randomness.seededNotPrivate(12), 4);
    double baseline = WorkloadEvaluation.compare(three, TABLE, independent).get(0).meanL1();
    // Measured with these seeds: ours ≈ 0.06, baseline ≈ 0.25.
    assertTrue(ours < 0.6 * baseline, "ours " + ours + " vs independent " + baseline);
    assertTrue(r.report().fitToNoisy().get(0).meanL1() > 0, "fit to noisy answers is reported");
  }
}
