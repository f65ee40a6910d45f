package io.dpforge.cli.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dpforge.cli.CliRun;
import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.security.AuditLog;
import io.dpforge.federated.security.ContributionSignatures;
import io.dpforge.federated.security.RevocationList;
import io.dpforge.federated.security.SignerTrust;
import io.dpforge.federated.security.SigningKey;
import io.dpforge.federated.security.UpdateClaim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCommandTest {
  @TempDir
  Path tmp;

  @Test
  void initWritesTheFederationsCertificatesWithOwnerOnlyPermissions() throws Exception {
    Path dir = tmp.resolve("pki");
    CliRun run = CliRun.run("certs", "init", "--dir", dir.toString(), "--clients", "3", "--hosts",
        "localhost,10.0.0.7", "--prefix", "site", "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode j = run.json();
    assertEquals(3, j.get("clients").size());
    assertEquals("site-0002", j.get("clients").get(2).asText());
    assertEquals("ECDSA P-256", j.get("tls_key").asText());
    for (String f : new String[] {"ca/ca.key", "server/server.key", "clients/site-0002/client.key",
        "clients/site-0002/signing.key", "clients/site-0000/ca.pem"}) {
      Path p = dir.resolve(f);
      assertTrue(Files.isRegularFile(p), f);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), f);
    }
    Path log = tmp.resolve("audit.jsonl");
    Path site = dir.resolve("clients/site-0001");
    SigningKey key = SigningKey.fromDirectory(site);
    try (AuditLog audit = AuditLog.open(log)) {
      ContributionSignatures signatures = new ContributionSignatures(SignerTrust.fromFile(site.resolve("ca.pem")),
          RevocationList.NONE, audit);
      signatures.enroll(new ClientId("site-0001"), key.certificateDer());
      UpdateClaim claim = new UpdateClaim("run", "site-0001", "u1", new ModelVersion(0, 0), "", 5, 3, new byte[32],
          -1, 0);
      signatures.record(claim, key.sign(claim.statement()), "accepted", new ModelVersion(0, 1));
    }
    CliRun audit = CliRun.run("certs", "audit", "--log", log.toString(), "--ca", dir.resolve("ca/ca.pem").toString(),
        "--json");
    assertEquals(0, audit.exitCode(), audit.err());
    assertEquals(1, audit.json().get("contributions").asInt());
    Files.writeString(log, Files.readString(log).replace("\"examples\":5", "\"examples\":50"));
    CliRun edited = CliRun.run("certs", "audit", "--log", log.toString(), "--ca", dir.resolve("ca/ca.pem").toString(),
        "--json");
    assertEquals(1, edited.exitCode());
    assertTrue(edited.json().get("error").asText().contains("does not verify"), edited.out());

    CliRun again = CliRun.run("certs", "init", "--dir", dir.toString(), "--clients", "1", "--json");
    assertEquals(2, again.exitCode());
    assertTrue(again.json().get("error").asText().contains("not empty"), again.out());
    CliRun bad = CliRun.run("certs", "init", "--dir", tmp.resolve("x").toString(), "--clients", "0", "--json");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.json().get("error").asText().contains("--clients"), bad.out());
  }
}
