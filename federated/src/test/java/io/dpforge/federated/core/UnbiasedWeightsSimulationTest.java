package io.dpforge.federated.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.federated.metrics.ClientParticipation;
import io.dpforge.federated.strategy.StalenessFunction;
import io.dpforge.federated.strategy.Strategy;
import io.dpforge.federated.strategy.WeightRule;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Fraboni et al. (JMLR 2023, §3): with heterogeneous compute times, identical asynchronous weights
 * converge to the optimum of the surrogate Σ q_i L_i with q_i ∝ 1/τ_i (biased toward fast clients);
 * unbiased weights restore Σ p_i L_i. Exact event simulation on virtual time with quadratic local losses
 * L_i(θ) = ½(θ − c_i)², one local gradient step Δ_i = η(c_i − θ).
 */
class UnbiasedWeightsSimulationTest {
  // Three fast clients at c = 0, one client 4× slower at c = 10; p_i = ¼.
  private static final double[] TARGET = {0, 0, 0, 10};
  private static final long[] TAU = {1000, 1000, 1000, 4000};
  private static final double P_OPTIMUM = 2.5;
  private static final double Q_OPTIMUM = 10 * 0.25 / 3.25; // q ∝ 1/τ: (1, 1, 1, ¼)/3.25

  private record Event(long time, int order, Runnable action) {}

  /** Runs the simulation; returns the model averaged over the last quarter of the horizon. */
  private static double simulate(Strategy strategy, long horizon, long tickEvery, Coordinator[] out) {
    AtomicLong now = new AtomicLong();
    Coordinator c = Coordinator.builder(strategy, new double[] {0}).virtualTime(now::get).build();
    out[0] = c;
    PriorityQueue<Event> events = new PriorityQueue<>((a, b) ->
        a.time != b.time ? Long.compare(a.time, b.time) : Integer.compare(a.order, b.order));
    for (int i = 0; i < TARGET.length; i++) {
      c.register(new ClientId("c" + i), 1);
    }
    for (int i = 0; i < TARGET.length; i++) {
      startWork(c, i, new ModelVersion(0, 0), now, events);
    }
    if (tickEvery > 0) {
      for (long t = tickEvery; t <= horizon; t += tickEvery) {
        events.add(new Event(t, 1, c::timerFires));
      }
    }
    double sum = 0;
    long samples = 0;
    while (!events.isEmpty() && events.peek().time() <= horizon) {
      Event e = events.poll();
      now.set(e.time() * 1_000_000L);
      e.action().run();
      if (e.time() > horizon * 3 / 4) {
        sum += c.currentModel().values()[0];
        samples++;
      }
    }
    return sum / samples;
  }

  private static void startWork(Coordinator c, int i, ModelVersion min, AtomicLong now,
      PriorityQueue<Event> events) {
    c.fetch(new ClientId("c" + i), min).thenAccept(a -> {
      long start = now.get() / 1_000_000L;
      float theta = a.model().values()[0];
      float delta = (float) (0.5 * (TARGET[i] - theta));
      events.add(new Event(start + TAU[i], 0, () -> {
        SubmitResult r = Uploads.submit(c, "c" + i, a.model().version(), new float[] {delta}, 1,
            "c" + i + "@" + a.id(), a.id());
        startWork(c, i, r.appliesToVersion(), now, events);
      }));
    });
  }

  @Test
  void asyncIdenticalWeightsAreBiasedTowardFastClients() {
    Coordinator[] c = new Coordinator[1];
    double theta = simulate(Strategy.async(WeightRule.IDENTICAL).withServerOptimizer(0.2, 0), 400_000, 0, c);
    c[0].close();
    assertEquals(Q_OPTIMUM, theta, 0.25, "identical weights converge near Σ q_i c_i");
  }

  @Test
  void asyncUnbiasedWeightsReachTheFederatedOptimum() {
    Coordinator[] c = new Coordinator[1];
    double theta = simulate(Strategy.async(WeightRule.UNBIASED).withServerOptimizer(0.2, 0), 400_000, 0, c);
    c[0].close();
    assertEquals(P_OPTIMUM, theta, 0.25, "unbiased weights converge near Σ p_i c_i");
  }

  @Test
  void fedBuffUnbiasedWeightsReachTheFederatedOptimum() {
    Coordinator[] c = new Coordinator[1];
    Strategy s = Strategy.fedBuff(2, WeightRule.UNBIASED, new StalenessFunction.Constant()).withServerOptimizer(0.5, 0);
    double theta = simulate(s, 400_000, 0, c);
    c[0].close();
    assertEquals(P_OPTIMUM, theta, 0.25);
  }

  @Test
  void fedFixRealisedWeightsAverageToTheImportance() {
    for (WeightRule rule : new WeightRule[] {WeightRule.UNBIASED, WeightRule.UNBIASED_TIMED}) {
      Coordinator[] c = new Coordinator[1];
      Strategy s = Strategy.fedFix(Duration.ofMillis(1500), rule).withServerOptimizer(0.5, 0);
      double theta = simulate(s, 600_000, 1500, c);
      try (Coordinator co = c[0]) {
        assertEquals(P_OPTIMUM, theta, 0.25, rule.spec());
        for (ClientParticipation p : co.status().participation()) {
          assertEquals(0.25, p.meanWeightPerStep(), 0.25 * 0.05, rule.spec() + " client " + p.client());
          assertEquals(0.25, p.meanWeightPerCoveredStep(), 0.25 * 0.05, rule.spec() + " client " + p.client());
        }
        assertTrue(co.status().stalenessCounts()[2] > 0, "the slow client's updates are 2 windows stale");
      }
    }
  }
}
