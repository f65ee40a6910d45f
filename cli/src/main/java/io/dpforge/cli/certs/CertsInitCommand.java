package io.dpforge.cli.certs;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.federated.security.FederationCertificates;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dpforge certs init}: a CA, the coordinator's certificate and N clients' certificates. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Create a federation's certificates: a CA, the coordinator's TLS certificate, and for each client"
        + " a TLS certificate and an Ed25519 signing certificate (ECDSA P-256 for TLS; PEM files readable by their"
        + " owner only). DIR/server is the coordinator's --tls-dir, DIR/clients/NAME each client's.")
public final class CertsInitCommand extends JsonCommand {
  @Option(names = "--dir", required = true, description = "Directory to create (must not exist or be empty).")
  Path dir;

  @Option(names = "--clients", required = true, description = "Number of client certificates N.")
  int clients;

  @Option(names = "--hosts", split = ",", defaultValue = "localhost,127.0.0.1",
      description = "Host names and IP addresses the coordinator is reached at (default ${DEFAULT-VALUE}).")
  List<String> hosts;

  @Option(names = "--prefix", defaultValue = "client",
      description = "Client names are PREFIX-0000, PREFIX-0001, ... (default ${DEFAULT-VALUE}).")
  String prefix;

  @Option(names = "--days", defaultValue = "365", description = "Validity of every certificate, days (default ${DEFAULT-VALUE}).")
  int days;

  @Override
  protected Map<String, Object> execute(Console console) {
    if (clients < 1 || clients > 100_000) {
      throw new InvalidInputException("--clients must be in 1..100000, got " + clients);
    }
    if (days < 1) {
      throw new InvalidInputException("--days must be >= 1, got " + days);
    }
    if (!prefix.matches("[A-Za-z0-9._-]{1,40}")) {
      throw new InvalidInputException("--prefix must be 1-40 letters, digits, '.', '_' or '-', got '" + prefix + "'");
    }
    List<String> names = FederationCertificates.clientNames(prefix, clients);
    FederationCertificates.Summary s = FederationCertificates.init(dir, names, hosts, Duration.ofDays(days),
        new SecureRandom());
    console.printf("wrote a CA, the coordinator's certificate (%s) and %d client certificates to %s%n",
        String.join(", ", hosts), clients, dir);
    console.printf("  coordinator:  --tls-dir %s%n", dir.resolve(FederationCertificates.SERVER));
    console.printf("  client NAME:  --tls-dir %s%n", dir.resolve(FederationCertificates.CLIENTS).resolve("NAME"));
    console.printf("  keep %s offline: it signs new members%n", dir.resolve(FederationCertificates.CA).resolve("ca.key"));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("dir", s.dir().toString());
    r.put("server_dir", dir.resolve(FederationCertificates.SERVER).toString());
    r.put("clients_dir", dir.resolve(FederationCertificates.CLIENTS).toString());
    r.put("clients", s.clients());
    r.put("hosts", s.hosts());
    r.put("valid_days", days);
    r.put("tls_key", "ECDSA P-256");
    r.put("signing_key", "Ed25519");
    return r;
  }
}
