package io.dpforge.federated.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.federated.core.ModelVersion;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An append-only log of who contributed what: one JSON object per line. A {@code signer} line records a
 * client's signing certificate when it registers; a {@code contribution} line records one accepted update
 * with everything its {@link UpdateClaim} covers and the client's Ed25519 signature. An auditor holding
 * only the federation's CA certificate can check every line with {@link #verify}: the coordinator cannot
 * add, alter or re-attribute a contribution without the log failing verification.
 */
public final class AuditLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final BufferedWriter out;

  private AuditLog(Path file) {
    this.file = file;
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the audit log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Opens (or continues) the log in {@code file}. */
  public static AuditLog open(Path file) {
    return new AuditLog(file);
  }

  public Path file() {
    return file;
  }

  /** Records a verified signing certificate. */
  public void signer(SignerTrust.Signer s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("event", "signer");
    o.put("time", Instant.now().toString());
    o.put("client", s.name());
    o.put("fingerprint", s.fingerprint());
    o.put("certificate", Base64.getEncoder().encodeToString(s.certificateDer()));
    append(o);
  }

  /**
   * Records a contribution and its signature.
   *
   * @param outcome what became of it ({@code accepted}: staged for a version; {@code applied}: summed into one)
   * @param version the version that includes it
   */
  public void contribution(UpdateClaim c, byte[] signature, String fingerprint, String outcome, ModelVersion version) {
    ObjectNode o = JSON.createObjectNode();
    o.put("event", "contribution");
    o.put("time", Instant.now().toString());
    o.put("run_id", c.runId());
    o.put("client", c.client());
    o.put("update_id", c.updateId());
    o.put("base_generation", c.base().generation());
    o.put("base_number", c.base().number());
    o.put("assignment_id", c.assignmentId());
    o.put("examples", c.numExamples());
    o.put("dimension", c.dimension());
    o.put("sha256", c.sha256Hex());
    if (c.masked()) {
      o.put("cohort", c.cohort());
      o.put("factor", c.factor());
    }
    o.put("outcome", outcome);
    o.put("version_generation", version.generation());
    o.put("version_number", version.number());
    o.put("fingerprint", fingerprint);
    o.put("signature", Base64.getEncoder().encodeToString(signature));
    append(o);
  }

  private synchronized void append(ObjectNode o) {
    try {
      out.write(JSON.writeValueAsString(o));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit log " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the audit log " + file + ": " + e.getMessage(), e);
    }
  }

  /** The result of checking a log. */
  public record Verification(int signers, int contributions, List<String> failures) {
    public boolean valid() {
      return failures.isEmpty();
    }
  }

  /**
   * Checks every line of a log: each signer certificate against the CA, each contribution's signature
   * against the certificate of the client it names.
   *
   * @throws InvalidInputException when the file cannot be read or a line is not JSON
   */
  public static Verification verify(Path file, SignerTrust trust) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read the audit log: " + e.getMessage());
    }
    Map<String, SignerTrust.Signer> byFingerprint = new HashMap<>();
    List<String> failures = new ArrayList<>();
    int signers = 0;
    int contributions = 0;
    for (int i = 0; i < lines.size(); i++) {
      String where = file + ":" + (i + 1);
      JsonNode o;
      try {
        o = JSON.readTree(lines.get(i));
      } catch (IOException e) {
        throw new InvalidInputException(where + ": not a JSON object: " + e.getMessage());
      }
      switch (o.path("event").asText()) {
        case "signer" -> {
          signers++;
          try {
            SignerTrust.Signer s = trust.verify(Base64.getDecoder().decode(o.path("certificate").asText()),
                o.path("client").asText());
            byFingerprint.put(s.fingerprint(), s);
          } catch (SignatureRejectedException | IllegalArgumentException e) {
            failures.add(where + ": signer certificate rejected: " + e.getMessage());
          }
        }
        case "contribution" -> {
          contributions++;
          SignerTrust.Signer s = byFingerprint.get(o.path("fingerprint").asText());
          if (s == null || !s.name().equals(o.path("client").asText())) {
            failures.add(where + ": no verified signing certificate of " + o.path("client").asText() + " precedes it");
            continue;
          }
          UpdateClaim c = new UpdateClaim(o.path("run_id").asText(), o.path("client").asText(),
              o.path("update_id").asText(), new ModelVersion(o.path("base_generation").asLong(),
                  o.path("base_number").asLong()), o.path("assignment_id").asText(), o.path("examples").asLong(),
              o.path("dimension").asLong(), HexFormat.of().parseHex(o.path("sha256").asText()),
              o.has("cohort") ? o.path("cohort").asLong() : -1, o.has("factor") ? o.path("factor").asDouble() : 0);
          if (!s.verifies(c.statement(), Base64.getDecoder().decode(o.path("signature").asText()))) {
            failures.add(where + ": the signature of " + c.client() + " on update " + c.updateId() + " does not verify");
          }
        }
        default -> failures.add(where + ": unknown event '" + o.path("event").asText() + "'");
      }
    }
    return new Verification(signers, contributions, List.copyOf(failures));
  }
}
