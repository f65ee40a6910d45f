package io.dpforge.cli.gossip;

import io.dpforge.cli.Console;
import java.util.Locale;

/** Human output with locale-independent number formatting. */
final class Lines {
  private Lines() {}

  static void printf(Console console, String format, Object... args) {
    console.stream().print(String.format(Locale.ROOT, format, args));
  }
}
