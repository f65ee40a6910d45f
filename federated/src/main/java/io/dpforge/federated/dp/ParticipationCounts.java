package io.dpforge.federated.dp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.io.AtomicFiles;
import io.dpforge.federated.core.ClientId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many released aggregates each client has contributed to. Persisted (atomically) before each
 * release is applied, beside the privacy ledger, and never rolled back with a model checkpoint: a
 * contribution released before a crash still counts against the client's participation limit.
 */
final class ParticipationCounts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Integer> counts = new TreeMap<>();
  private final Path file;
  private int max;

  /** @param file where the counts are kept (null: in memory only) */
  ParticipationCounts(Path file) {
    this.file = file;
    if (file != null && Files.exists(file)) {
      try {
        counts.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Integer>>() { }));
      } catch (IOException e) {
        throw new InvalidInputException(file + ": not a participation-count file (JSON object of client id"
            + " to count): " + e.getMessage(), e);
      }
      counts.values().forEach(c -> max = Math.max(max, c));
    }
  }

  int of(ClientId c) {
    return counts.getOrDefault(c.value(), 0);
  }

  int max() {
    return max;
  }

  void increment(Iterable<ClientId> clients) {
    for (ClientId c : clients) {
      int n = of(c) + 1;
      counts.put(c.value(), n);
      max = Math.max(max, n);
    }
    if (file != null) {
      try {
        AtomicFiles.writeString(file, JSON.writeValueAsString(counts));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write participation counts " + file, e);
      }
    }
  }
}
