package io.dpforge.cli;

import picocli.CommandLine;

/** Entry point of the {@code dpforge} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (used by tests to run commands in-process). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new DpforgeCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }
}
