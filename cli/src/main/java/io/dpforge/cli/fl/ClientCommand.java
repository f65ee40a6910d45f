package io.dpforge.cli.fl;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.client.compute.CpuBackend;
import io.dpforge.client.data.Dataset;
import io.dpforge.client.fl.FederatedClient;
import io.dpforge.client.fl.ModelTrainer;
import io.dpforge.client.fl.RunSummary;
import io.dpforge.client.model.DenseNetwork;
import io.dpforge.dp.data.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dpforge client}: one federated client training on its share of Fashion-MNIST. */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    description = "Join a coordinator as one client: take partition I of N of the training set (Dirichlet label"
        + " split, same seed on every client), then fetch, train and submit until the coordinator finishes.")
public final class ClientCommand extends JsonCommand {
  @Option(names = "--coordinator", required = true, description = "The coordinator, HOST:PORT.")
  String coordinator;

  @Option(names = "--partition", required = true, description = "I/N: this client is partition I (0-based) of N.")
  String partition;

  @Mixin
  PartitionedData data;

  @Option(names = "--client-id", description = "Client id (default: the certificate's name under --tls-dir,"
      + " client-I otherwise).")
  String clientId;

  @Option(names = "--max-updates", defaultValue = "9223372036854775807",
      description = "Stop after this many accepted updates (default: until the coordinator finishes).")
  long maxUpdates;

  @Mixin
  ClientSecurityOptions security;

  @Mixin
  ModelOptions model;

  @Mixin
  LocalTrainingOptions training;

  @Override
  protected Map<String, Object> execute(Console console) throws Exception {
    int[] in = parsePartition(partition);
    FederatedClient.Builder b = security.apply(FederatedClient.builder(), console);
    if (clientId != null || security.insecure) {
      b.clientId(clientId != null ? clientId : String.format("client-%04d", in[0]));
    }
    Dataset mine = data.split(data.load().train(), in[1]).get(in[0]);
    DenseNetwork net = model.network(CpuBackend.common());
    LocalTrainingOptions.ClientTraining local = training.forClient(data.seed, in[0], mine.size());
    try (FederatedClient c = b.target(coordinator).numExamples(mine.size())
        .trainer(new ModelTrainer(net, mine, local.optimizerForRound()))
        .build()) {
      String id = c.name();
      console.printf("%s: %,d examples (partition %d of %d, α = %s), %s%n", id, mine.size(), in[0], in[1], data.alpha,
          net.describe());
      if (!local.localPrivacy().isEmpty()) {
        Map<String, Object> p = local.localPrivacy();
        console.printf("%s: local DP-SGD, (ε = %s, δ = %s)-DP for each of its examples over %s rounds of %s steps"
            + " (noise multiplier %.3f); it stops when the budget is spent%n", id, p.get("epsilon"), p.get("delta"),
            p.get("rounds"), p.get("steps_per_round"), (Double) p.get("noise_multiplier"));
      }
      RunSummary s = c.run(maxUpdates);
      console.printf("%s: %d updates accepted, %d discarded, %d stale refetches; ended: %s at version %s%n", id,
          s.accepted(), s.discarded(), s.refetched(), s.end(), s.lastVersion());
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("client_id", c.name());
      r.put("secure_aggregation", c.secureAggregation());
      r.put("examples", mine.size());
      r.put("accepted", s.accepted());
      r.put("discarded", s.discarded());
      r.put("refetched", s.refetched());
      r.put("end", s.end().name().toLowerCase(java.util.Locale.ROOT));
      r.put("last_version", s.lastVersion().number());
      if (!local.localPrivacy().isEmpty()) {
        r.put("local_privacy", local.localPrivacy());
      }
      return r;
    }
  }

  static int[] parsePartition(String spec) {
    String[] p = spec.split("/");
    try {
      if (p.length == 2) {
        int i = Integer.parseInt(p[0].trim());
        int n = Integer.parseInt(p[1].trim());
        if (n >= 1 && i >= 0 && i < n) {
          return new int[] {i, n};
        }
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new InvalidInputException("--partition must be I/N with 0 <= I < N, got '" + spec + "'");
  }
}
