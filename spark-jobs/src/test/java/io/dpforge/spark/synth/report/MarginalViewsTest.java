package io.dpforge.spark.synth.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.synth.query.DomainLayout;
import io.dpforge.synth.query.Marginal;
import io.dpforge.synth.query.Workload;
import io.dpforge.synth.query.WorkloadAnswerer;
import io.dpforge.synth.query.WorkloadCounts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarginalViewsTest {
  private static final Domain DOMAIN = Domain.read(Path.of("..", "samples", "cps1988", "domain.json"));

  @Test
  void projectingAThreeWayMarginalGivesTheLowerMarginalsOfTheSameTable() {
    EncodedTable table = CsvTableReader.builder(DOMAIN).build()
        .readTable(Path.of("..", "samples", "cps1988", "cps1988.csv")).table();
    DomainLayout layout = DomainLayout.of(DOMAIN);
    // wage (15 bins), ethnicity (2), region (4): columns 0, 3, 5.
    Marginal three = Marginal.of(layout, 0, 3, 5);
    List<int[]> targets = List.of(new int[] {0, 5}, new int[] {3, 5}, new int[] {0, 3}, new int[] {0},
        new int[] {5});
    List<Marginal> lower = targets.stream().map(t -> Marginal.of(layout, t)).toList();
    List<Marginal> all = new java.util.ArrayList<>(List.of(three));
    all.addAll(lower);
    WorkloadCounts counts = WorkloadAnswerer.count(new Workload(layout, all), table);
    for (int k = 0; k < targets.size(); k++) {
      double[] projected = MarginalViews.project(three, counts.fractions(0), targets.get(k), lower.get(k));
      assertArrayEquals(counts.fractions(k + 1), projected, 1e-12, lower.get(k).name());
    }
  }

  @Test
  void numbersInLabelsReadAsWritten() {
    assertEquals("1", io.dpforge.spark.synth.PrivacyLabel.number(1.0));
    assertEquals("0.3", io.dpforge.spark.synth.PrivacyLabel.number(0.3));
    assertEquals("1e-9", io.dpforge.spark.synth.PrivacyLabel.number(1e-9));
    assertEquals("2.5e-10", io.dpforge.spark.synth.PrivacyLabel.number(2.5e-10));
  }
}
