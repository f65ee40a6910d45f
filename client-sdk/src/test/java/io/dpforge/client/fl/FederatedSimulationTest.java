package io.dpforge.client.fl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.client.compute.CpuBackend;
import io.dpforge.client.data.Dataset;
import io.dpforge.client.data.DirichletPartitioner;
import io.dpforge.client.data.SyntheticLogistic;
import io.dpforge.client.model.DenseNetwork;
import io.dpforge.client.optim.Sgd;
import io.dpforge.federated.core.Coordinator;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scaled-down simulation: 6 clients over loopback gRPC, a few seconds, FedFix with unbiased weights. */
class FederatedSimulationTest {

  @Test
  void clientsTrainAGlobalModelPastATargetAccuracy() throws Exception {
    SyntheticLogistic gen = new SyntheticLogistic(10, 12, 3);
    Dataset train = gen.sample(1200, 4);
    Dataset test = gen.sample(2000, 5);
    List<Dataset> parts = DirichletPartitioner.builder().clients(6).alpha(0.5).seed(6).minimumPerClient(20)
        .build().split(train);
    DenseNetwork model = DenseNetwork.builder(10, 2).backend(CpuBackend.builder().threads(1).build()).build();
    double zeroModel = model.accuracy(new double[model.dimension()], test);
    DelayModel.Schedule delays = new DelayModel.FixedRange(0.05, 0.2).schedule(6, 7);
    try (Coordinator c = Coordinator.builder(Strategy.fedFix(Duration.ofMillis(100), WeightRule.UNBIASED),
        new double[model.dimension()]).build()) {
      SimulationResult r = FederatedSimulation.builder(c, model, test)
          .clients(6, i -> new SleepToCompletion(new ModelTrainer(model, parts.get(i),
              round -> Sgd.builder().epochs(1).batchSize(16).learningRate(0.5).seed(round * 31 + i).build()),
              delays, i), i -> (long) parts.get(i).size())
          .duration(Duration.ofSeconds(8))
          .evaluateEvery(Duration.ofMillis(200))
          .target(0.8, true)
          .build()
          .run();
      assertTrue(r.reachedTarget(), "accuracy " + r.bestAccuracy() + " from " + zeroModel + " never reached 0.8");
      assertTrue(r.finalAccuracy() >= 0.8, "final accuracy " + r.finalAccuracy());
      assertTrue(r.versions() > 0 && r.uploads() >= r.versions());
      assertEquals(0, r.clientFailures());
      assertTrue(r.finishReason().startsWith("reached target"), r.finishReason());
    }
  }

  @Test
  void delaySpecsParse() {
    assertEquals(new DelayModel.LogNormal(0.5, 1), DelayModel.parse("lognormal:0.5,1"));
    assertEquals(new DelayModel.Exponential(2), DelayModel.parse("exp:2"));
    DelayModel.Schedule s = DelayModel.parse("fixed-range:1,3").schedule(3, 0);
    assertEquals(3.0, s.nextSeconds(0), 1e-12);
    assertEquals(2.0, s.nextSeconds(1), 1e-12);
    assertEquals(1.0, s.nextSeconds(2), 1e-12);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> DelayModel.parse("gamma:1"));
    assertTrue(e.getMessage().contains("lognormal:MU,S"), e.getMessage());
  }
}
