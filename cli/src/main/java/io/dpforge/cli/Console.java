package io.dpforge.cli;

import java.io.PrintStream;

/** Human-readable output of a command: stdout normally, stderr when the command prints JSON. */
public final class Console {
  private final PrintStream out;
  private final PrintStream err;

  public Console(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public void println(String line) {
    out.println(line);
  }

  public void printf(String format, Object... args) {
    out.printf(format, args);
  }

  /** Warnings always go to stderr, whatever the output mode. */
  public void warn(String line) {
    err.println(line);
  }

  public void error(String line) {
    err.println("error: " + line);
  }

  /** The stream human text goes to, for progress bars and tables. */
  public PrintStream stream() {
    return out;
  }
}
