package io.dpforge.cli.fl;

import io.dpforge.client.data.Dataset;
import io.dpforge.client.data.DirichletPartitioner;
import io.dpforge.client.data.FashionMnist;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Fashion-MNIST split among N clients by a seeded Dirichlet(α) label split: every client computes the
 * same split and keeps its own part.
 */
public final class PartitionedData {
  @Option(names = "--data", description = "Fashion-MNIST folder (default: $" + FashionMnist.LOCATION_ENV + ").")
  Path data;

  @Option(names = "--alpha", defaultValue = "0.5", description = "Dirichlet α of the label split (default ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--seed", defaultValue = "1",
      description = "Seeds the split, the local SGD order and the simulated delays (default ${DEFAULT-VALUE}).")
  long seed;

  /** Training and test sets from {@code --data}, else the documented property or variable. */
  FashionMnist.Split load() {
    return data != null ? FashionMnist.load(data) : FashionMnist.load();
  }

  /** The training set's parts, one per client. */
  List<Dataset> split(Dataset train, int clients) {
    return DirichletPartitioner.builder().clients(clients).alpha(alpha).seed(seed).minimumPerClient(10)
        .build().split(train);
  }
}
