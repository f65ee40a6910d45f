package io.dpforge.cli.optimize;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.client.optim.Accountant;
import io.dpforge.client.optim.DpSgd;
import io.dpforge.client.optim.OptimizationResult;
import io.dpforge.client.optim.Optimizer;
import io.dpforge.client.optim.PrivateSpiderBoost;
import io.dpforge.client.optim.ProgressListener;
import io.dpforge.client.optim.StepSchedule;
import io.dpforge.client.optim.Sgd;
import io.dpforge.client.optim.TreePrivateSpider;
import io.dpforge.client.problem.DataSource;
import io.dpforge.client.problem.Evaluation;
import io.dpforge.client.problem.Problem;
import io.dpforge.client.problem.ProblemKind;
import io.dpforge.client.problem.Problems;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.random.Randomness;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dpforge optimize}: trains one problem with one optimizer and reports the final ‖∇F‖ on the
 * full training set (computed non-privately, for evaluation), the loss, the test accuracy, the ε spent
 * and the gradient evaluations used.
 */
@Command(
    name = "optimize",
    mixinStandardHelpOptions = true,
    description = "Train a model privately (DP-SGD, Private SpiderBoost, tree-based Private SPIDER) or not (SGD)"
        + " and report the final gradient norm on the full training set, loss, test accuracy, ε spent and"
        + " gradient evaluations. Noise and sampling use SecureRandom unless --seeded-noise is given."
        + " Hyperparameters not given default to the settings tuned for each data source"
        + " (client-sdk/README.md).")
public final class OptimizeCommand extends JsonCommand {
  @Option(names = "--problem", required = true, description = "logreg, logreg-nonconvex or mlp.")
  String problem;

  @Option(names = "--data", required = true,
      description = "fashion-mnist (folder from DPFORGE_FASHION_MNIST) or synthetic.")
  String data;

  @Option(names = "--n", description = "Training examples (synthetic: required; fashion-mnist: the first N).")
  Integer n;

  @Option(names = "--dim", description = "Features (synthetic: required; fashion-mnist: 784).")
  Integer dim;

  @Option(names = "--optimizer", required = true, description = "sgd, dpsgd, spiderboost or tree-spider.")
  String optimizer;

  @Option(names = "--epsilon", description = "Target ε (required for the private optimizers).")
  Double epsilon;

  @Option(names = "--delta", defaultValue = "1e-5", description = "δ (default: ${DEFAULT-VALUE}).")
  double delta;

  @Option(names = "--accountant", defaultValue = "rdp",
      description = "dpsgd: rdp or pld, the dp-core accountant that calibrates the noise and states ε"
          + " (default: ${DEFAULT-VALUE}); the other optimizers compose with rdp.")
  String accountant;

  @Option(names = "--seed", defaultValue = "0",
      description = "Seed of the synthetic data, the initial weights and SGD's order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--seeded-noise",
      description = "Draw the privacy noise and sampling from --seed: reproducible and NOT PRIVATE.")
  boolean seededNoise;

  @Option(names = "--steps", description = "Iterations (dpsgd, spiderboost).")
  Integer steps;

  @Option(names = "--epochs", defaultValue = "5", description = "Passes over the data (sgd; default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch",
      description = "Batch size (sgd), expected lot size (dpsgd), variation batch b2 (spiderboost), root batch b (tree-spider).")
  Integer batch;

  @Option(names = "--lr", description = "Step size (sgd, dpsgd, spiderboost).")
  Double learningRate;

  @Option(names = "--clip", description = "Clipping norm: C (dpsgd), L0 (spiderboost, tree-spider).")
  Double clip;

  @Option(names = "--smoothness", description = "L1: variations are clipped to L1·‖w_t − w_{t−1}‖ (spiderboost, tree-spider).")
  Double smoothness;

  @Option(names = "--phase", description = "Anchor every q steps (spiderboost).")
  Integer phase;

  @Option(names = "--anchor-rate", defaultValue = "1.0",
      description = "Anchor sampling rate b1/n (spiderboost; default: ${DEFAULT-VALUE}, every example).")
  double anchorRate;

  @Option(names = "--anchor-noise-ratio",
      description = "Anchor noise multiplier over the variations' (spiderboost).")
  Double anchorNoiseRatio;

  @Option(names = "--schedule", description = "dpsgd step schedule: constant or linear-decay.")
  String schedule;

  @Option(names = "--theory",
      description = "spiderboost, tree-spider: the step counts, batches and step sizes of Arora et al.'s theorems.")
  boolean theory;

  @Option(names = "--lambda", defaultValue = "1e-3",
      description = "λ of the non-convex penalty (logreg-nonconvex; default: ${DEFAULT-VALUE}).")
  double lambda;

  @Option(names = "--hidden", defaultValue = "128", description = "Hidden units (mlp; default: ${DEFAULT-VALUE}).")
  int hidden;

  @Override
  protected Map<String, Object> execute(Console console) {
    ProblemKind kind = ProblemKind.parse(problem);
    DataSource source = DataSource.parse(data);
    Problems.Builder pb = Problems.builder().kind(kind).data(source).seed(seed).lambda(lambda).hiddenUnits(hidden);
    if (n != null) {
      pb.n(n);
    }
    if (dim != null) {
      pb.dimension(dim);
    }
    Problem p = pb.build();
    console.println(p.description());
    double[] start = p.model().initialParameters(new SplittableRandom(seed));
    Randomness randomness = seededNoise ? Randomness.seededNotPrivate(seed) : Randomness.secure();
    if (seededNoise && !optimizer.equals("sgd")) {
      console.warn("--seeded-noise: the noise is reproducible from the seed; the result is NOT PRIVATE");
    }
    Optimizer opt;
    try {
      opt = optimizer(p, randomness, new ConsoleProgress(console));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
    long t0 = System.nanoTime();
    OptimizationResult r = opt.optimize(p.model(), start, p.train());
    double seconds = (System.nanoTime() - t0) / 1e9;
    Evaluation e = p.evaluate(r.parameters());

    console.println(String.format(Locale.ROOT, "optimizer %s: %,d steps, %,d gradient evaluations, %.1f s", optimizer,
        r.steps(), r.gradientEvaluations(), seconds));
    console.println(String.format(Locale.ROOT, "‖∇F‖ on the training set = %.6g, loss = %.6g, test accuracy = %.4f",
        e.gradientNorm(), e.loss(), e.testAccuracy()));
    if (r.privacy().isPrivate()) {
      console.println(String.format(Locale.ROOT, "privacy: (ε = %.4f, δ = %g) by %s%s", r.privacy().epsilon(),
          r.privacy().delta(), r.privacy().accountant(), r.privacy().notPrivate() ? " — NOT PRIVATE (seeded noise)" : ""));
    } else {
      console.println("privacy: none (non-private training)");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("problem", kind.cliName());
    out.put("data", source.cliName());
    out.put("description", p.description());
    out.put("optimizer", optimizer);
    out.put("n", p.train().size());
    out.put("parameters", p.model().dimension());
    out.put("grad_norm", e.gradientNorm());
    out.put("loss", e.loss());
    out.put("test_accuracy", e.testAccuracy());
    out.put("private", r.privacy().isPrivate() && !r.privacy().notPrivate());
    out.put("epsilon", r.privacy().isPrivate() ? r.privacy().epsilon() : null);
    out.put("delta", r.privacy().isPrivate() ? r.privacy().delta() : null);
    out.put("accountant", r.privacy().accountant());
    out.put("noise", r.privacy().isPrivate() ? randomness.describe() : null);
    out.put("gradient_evaluations", r.gradientEvaluations());
    out.put("steps", r.steps());
    out.put("settings", r.settings());
    out.put("seconds", seconds);
    return out;
  }

  private Optimizer optimizer(Problem p, Randomness randomness, ProgressListener progress) {
    int size = p.train().size();
    Defaults d = Defaults.forData(DataSource.parse(data), size);
    switch (optimizer) {
      case "sgd":
        return Sgd.builder().epochs(epochs).batchSize(or(batch, d.sgdBatch())).learningRate(or(learningRate, d.sgdStep()))
            .seed(seed).build();
      case "dpsgd":
        return DpSgd.builder().expectedBatchSize(Math.min(size, or(batch, d.lot()))).steps(or(steps, d.dpSgdSteps()))
            .learningRate(or(learningRate, d.dpSgdStep())).clipNorm(or(clip, 1.0)).schedule(schedule(d))
            .targetEpsilon(requireEpsilon()).delta(delta).accountant(accountant()).randomness(randomness)
            .progress(progress).build();
      case "spiderboost": {
        PrivateSpiderBoost.Builder b = PrivateSpiderBoost.builder().randomness(randomness).progress(progress);
        if (theory) {
          b.theoryParameters(size, p.model().dimension(), requireEpsilon(), delta, or(clip, 1.0),
              or(smoothness, 1.0), 1.0);
        } else {
          b.targetEpsilon(requireEpsilon()).delta(delta).lipschitz(or(clip, 1.0)).smoothness(or(smoothness, d.smoothness()))
              .anchorSamplingRate(anchorRate).anchorNoiseRatio(or(anchorNoiseRatio, d.anchorNoiseRatio()))
              .steps(d.spiderSteps()).phaseLength(d.phase()).variationBatchSize(Math.min(size, d.variationBatch()))
              .learningRate(d.spiderStep());
        }
        if (steps != null) {
          b.steps(steps);
        }
        if (phase != null) {
          b.phaseLength(phase);
        }
        if (batch != null) {
          b.variationBatchSize(Math.min(size, batch));
        }
        if (learningRate != null) {
          b.learningRate(learningRate);
        }
        return b.build();
      }
      case "tree-spider": {
        TreePrivateSpider.Builder b = TreePrivateSpider.builder().randomness(randomness).progress(progress)
            .theoryParameters(size, p.model().dimension(), requireEpsilon(), delta, or(clip, 1.0), or(smoothness, 1.0));
        if (batch != null) {
          b.batchSize(batch);
        }
        return b.build();
      }
      default:
        throw new InvalidInputException(
            "--optimizer must be sgd, dpsgd, spiderboost or tree-spider, got '" + optimizer + "'");
    }
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private StepSchedule schedule(Defaults d) {
    if (schedule == null) {
      return d.schedule();
    }
    return switch (schedule) {
      case "constant" -> StepSchedule.CONSTANT;
      case "linear-decay" -> StepSchedule.LINEAR_DECAY;
      default -> throw new InvalidInputException("--schedule must be constant or linear-decay, got '" + schedule + "'");
    };
  }

  private Accountant accountant() {
    for (Accountant a : Accountant.values()) {
      if (a.cliName().equals(accountant)) {
        return a;
      }
    }
    throw new InvalidInputException("--accountant must be rdp or pld, got '" + accountant + "'");
  }

  private double requireEpsilon() {
    if (epsilon == null) {
      throw new InvalidInputException("--optimizer " + optimizer + " is private and needs --epsilon");
    }
    if (!(epsilon > 0) || epsilon.isInfinite()) {
      throw new InvalidInputException("--epsilon must be finite and > 0, got " + epsilon);
    }
    return epsilon;
  }
}
