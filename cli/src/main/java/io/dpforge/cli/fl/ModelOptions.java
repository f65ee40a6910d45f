package io.dpforge.cli.fl;

import io.dpforge.client.compute.ComputeBackend;
import io.dpforge.client.data.FashionMnist;
import io.dpforge.client.model.DenseNetwork;
import io.dpforge.dp.data.InvalidInputException;
import picocli.CommandLine.Option;

/** Which model a federation trains: Fashion-MNIST's 784 pixels to 10 classes. */
public final class ModelOptions {
  private static final int PIXELS = 28 * 28;

  @Option(names = "--model", defaultValue = "logreg",
      description = "logreg (multinomial logistic regression) or mlp (default ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--hidden", defaultValue = "128", description = "MLP hidden-layer width (default ${DEFAULT-VALUE}).")
  int hidden;

  /** The network on a given compute backend. */
  public DenseNetwork network(ComputeBackend backend) {
    DenseNetwork.Builder b = DenseNetwork.builder(PIXELS, FashionMnist.CLASSES).backend(backend);
    switch (model) {
      case "logreg" -> { }
      case "mlp" -> b.hiddenLayer(hidden);
      default -> throw new InvalidInputException("--model must be logreg or mlp, got '" + model + "'");
    }
    return b.build();
  }
}
