package io.dpforge.cli.certs;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.federated.security.AuditLog;
import io.dpforge.federated.security.SignerTrust;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dpforge certs audit}: checks a coordinator's audit log against the federation's CA. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Verify a coordinator's audit log: every signing certificate against the CA, every contribution's"
        + " Ed25519 signature against its client's certificate. Exits 1 when any line fails.")
public final class CertsAuditCommand extends JsonCommand {
  @Option(names = "--log", required = true, description = "The audit log (JSON lines, from --audit-log).")
  Path log;

  @Option(names = "--ca", required = true, description = "The federation's CA certificate (ca.pem).")
  Path ca;

  @Override
  protected Map<String, Object> execute(Console console) {
    AuditLog.Verification v = AuditLog.verify(log, SignerTrust.fromFile(ca));
    console.printf("%s: %d signing certificates, %d contributions, %d failures%n", log, v.signers(), v.contributions(),
        v.failures().size());
    v.failures().forEach(console::warn);
    if (!v.valid()) {
      throw new IllegalStateException(v.failures().size() + " lines of " + log + " do not verify; first: "
          + v.failures().get(0));
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("log", log.toString());
    r.put("signers", v.signers());
    r.put("contributions", v.contributions());
    r.put("valid", true);
    return r;
  }
}
