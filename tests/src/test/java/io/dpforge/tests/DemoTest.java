package io.dpforge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/dpforge demo}: the private synthesis step and its evaluation, outside the guarantee. */
class DemoTest {

  @Test
  void theDemoSynthesisesPrivatelyAndEvaluatesApart(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("demo");
    Launcher.Result r = Launcher.run(List.of("demo", "--out", out.toString(), "--json"));
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = r.json();
    assertTrue(j.get("ok").asBoolean());
    JsonNode synth = j.get("synth");
    assertTrue(synth.get("private").asBoolean(), "the demo run is private");
    assertEquals(1.0, synth.get("epsilon").asDouble());
    assertEquals(synth.get("rho").asDouble(), synth.get("rho_spent").asDouble(), 1e-12);
    for (String f : List.of("synthetic.csv", "synthetic.csv.privacy.json", "report.html")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    JsonNode evaluation = j.get("evaluation");
    assertFalse(evaluation.get("private").asBoolean());
    assertEquals(28_155, evaluation.get("real_rows").asLong());
    double threeWay = evaluation.get("marginals:3").get(0).get("mean_l1").asDouble();
    double reference = evaluation.get("noise_reference").get(0).get("mean_l1").asDouble();
    // synth README, ε = 1 on this sample: 0.065 ± 0.001 against a noise reference of 0.165.
    assertTrue(threeWay > 0.03 && threeWay < 0.1, "3-way mean L1 " + threeWay);
    assertTrue(threeWay < reference, threeWay + " vs " + reference);
    String human = r.err();
    assertTrue(human.contains("EVALUATION OUTSIDE THE PRIVACY GUARANTEE"), human);
    assertTrue(human.indexOf("PRIVATE: (epsilon = 1, delta = 1e-9)") < human.indexOf("EVALUATION OUTSIDE"),
        "the private result comes first, the evaluation apart after it");
  }
}
