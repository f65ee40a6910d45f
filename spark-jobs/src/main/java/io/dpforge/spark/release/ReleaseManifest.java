package io.dpforge.spark.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dpforge.dp.continual.BltMechanism;
import io.dpforge.dp.continual.BltParameters;
import io.dpforge.dp.continual.CounterCalibration;
import io.dpforge.dp.continual.CounterMechanism;
import io.dpforge.dp.continual.CounterMechanisms;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's fixed parameters, written to the checkpoint when the job first starts: the mechanism with
 * its exact BLT parameters, the horizon, ticks, ρ, the contribution bound, a digest of the public key
 * list and the noise mode (the budget ledger record of brief §d.3, rule 9). A restart reads it back and
 * refuses to change any of them: changing the noise, the ticks or the keys mid-horizon would break the
 * analysis and, for the noise secret, leak through the differences.
 */
final class ReleaseManifest {
  static final String FILE = "dpforge-release.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIXED = List.of("mechanism", "horizon", "tick_start", "tick_micros", "rho",
      "max_keys_per_user", "user_column", "keys_sha256", "noise");

  private final ObjectNode fields;

  private ReleaseManifest(ObjectNode fields) {
    this.fields = fields;
  }

  /** The manifest a fresh job would write for these settings and this (fitted) mechanism. */
  static ReleaseManifest describe(ReleaseSettings s, CounterMechanism mechanism, TickClock clock, String noise) {
    ObjectNode f = JSON.createObjectNode();
    f.put("version", 1);
    f.put("mechanism", mechanism.name());
    f.put("horizon", clock.horizon());
    f.put("tick_start", clock.startOf(0).toString());
    f.put("tick_micros", clock.tickMicros());
    f.put("rho", s.rho());
    f.put("max_keys_per_user", s.maxKeysPerUser());
    f.put("user_column", s.userColumn() == null ? "(none: one individual per event)" : s.userColumn());
    f.put("key_count", s.keys().size());
    f.put("keys_sha256", digest(s.keys()));
    f.put("noise", noise);
    if (s.seed() != null) {
      f.put("seed", s.seed());
    }
    if (mechanism instanceof BltMechanism blt) {
      ArrayNode decays = f.putArray("blt_decays");
      ArrayNode scales = f.putArray("blt_scales");
      for (double d : blt.parameters().decays()) {
        decays.add(d);
      }
      for (double w : blt.parameters().scales()) {
        scales.add(w);
      }
    }
    CounterCalibration cal = CounterCalibration.gaussian(mechanism, s.rho());
    f.put("noise_grid_bits", cal.grid().bits());
    f.put("sigma", cal.noiseScale());
    f.put("l2_sensitivity", cal.sensitivity());
    f.put("var_max", mechanism.varianceSummary().max() / (2 * s.rho()));
    f.put("rho_per_user_tick", s.rhoPerUserTick());
    f.put("privacy_unit", "one individual's events within one tick (at most " + s.maxKeysPerUser()
        + " keys, one count per key)");
    return new ReleaseManifest(f);
  }

  static Path path(Path checkpoint) {
    return checkpoint.resolve(FILE);
  }

  static boolean exists(Path checkpoint) {
    return Files.exists(path(checkpoint));
  }

  static ReleaseManifest read(Path checkpoint) {
    Path p = path(checkpoint);
    try {
      return new ReleaseManifest((ObjectNode) JSON.readTree(p.toFile()));
    } catch (IOException | ClassCastException e) {
      throw new InvalidInputException(p + ": expected the JSON manifest this job wrote when it first started ("
          + e.getMessage() + ")");
    }
  }

  void write(Path checkpoint) {
    try {
      AtomicFiles.writeString(path(checkpoint), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(fields));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Refuses a restart that would change a fixed field.
   *
   * @throws InvalidInputException naming the manifest, the field and both values
   */
  void checkSameJob(ReleaseManifest requested, Path checkpoint) {
    for (String name : FIXED) {
      JsonNode was = fields.get(name);
      JsonNode now = requested.fields.get(name);
      if (was == null || now == null || !was.asText().equals(now.asText())) {
        throw new InvalidInputException(path(checkpoint) + ": field '" + name + "': the checkpoint was started with "
            + was + " but this run asks for " + now + "; a running release cannot change it (use a new --out"
            + " and checkpoint to start another release)");
      }
    }
  }

  /** The mechanism exactly as first started (BLT parameters from the manifest, not refitted). */
  CounterMechanism mechanism() {
    String name = fields.get("mechanism").asText();
    long horizon = fields.get("horizon").asLong();
    if (fields.has("blt_decays")) {
      double[] decays = toArray(fields.get("blt_decays"));
      double[] scales = toArray(fields.get("blt_scales"));
      return BltMechanism.of(new BltParameters(decays, scales), horizon);
    }
    return CounterMechanisms.parse(name, horizon);
  }

  Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    fields.fields().forEachRemaining(e -> m.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
    return m;
  }

  private static double[] toArray(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  static String digest(List<String> keys) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String k : keys) {
        sha.update(k.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
