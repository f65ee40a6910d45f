package io.dpforge.cli.certs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpforge certs}: certificates for a federation's mutual TLS and signed updates. */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    description = "Certificates for mutual TLS between the coordinator and its clients, for signed updates, and"
        + " the audit of who contributed what.",
    subcommands = {CertsInitCommand.class, CertsAuditCommand.class})
public final class CertsCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
