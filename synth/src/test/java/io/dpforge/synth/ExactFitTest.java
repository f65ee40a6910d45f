package io.dpforge.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.data.EncodedTable;
import io.dpforge.synth.eval.ErrorStats.ClassError;
import io.dpforge.synth.eval.WorkloadEvaluation;
import io.dpforge.synth.ga.GaConfig;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ε = ∞ (test-only, not private): the optimiser alone must fit the bundled sample's 2-way marginals. */
class ExactFitTest {

  @Test
  void fitsAllTwoWayMarginalsOfTheSampleToMeanL1BelowOnePercent() {
    EncodedTable table = TestData.cps();
    var domain = TestData.cpsDomain();
    Workload workload = WorkloadSpec.parse("marginals:2", domain);
    SynthesisResult result = Synthesizer.builder()
        .syntheticRows(2000)
        .geneticAlgorithm(GaConfig.defaults().withThreads(2).withSeed(1))
        .build()
        .fit(table, domain, workload, PrivacyBudget.exactNotPrivate());

    assertEquals(2000, result.synthetic().rows());
    assertFalse(result.report().privateRun(), "the exact mode must say it is not private");
    assertEquals(21, result.report().measuredSets().size());
    List<ClassError> errors = WorkloadEvaluation.compare(workload, table, result.synthetic());
    ClassError marginals = errors.get(0);
    assertEquals("marginal", marginals.queryClass());
    assertEquals(21, marginals.sets());
    assertTrue(marginals.meanL1() <= 0.01, "mean L1 over 2-way marginals: " + marginals.meanL1());
    // In the exact mode the fit to the released answers is the fit to the truth.
    assertEquals(marginals.meanL1(), result.report().fitToNoisy().get(0).meanL1(), 1e-9);
  }
}
