package io.dpforge.spark.synth;

import java.io.PrintStream;

/**
 * One line of progress on a terminal, redrawn in place; when the stream is not a terminal (a log, a
 * pipe), a plain line at most every few seconds so logs stay readable. Thread-safe.
 */
final class ProgressLine {
  private static final long PLAIN_EVERY_MILLIS = 5_000;
  private static final int BAR_WIDTH = 24;

  private final PrintStream out;
  private final boolean terminal;
  private long lastPlain;
  private int shown;

  /** Progress on {@code out}; null draws nothing. */
  ProgressLine(PrintStream out) {
    this(out, System.console() != null);
  }

  ProgressLine(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  static ProgressLine silent() {
    return new ProgressLine(null, false);
  }

  /** Shows {@code text} as the current state. */
  synchronized void show(String text) {
    if (out == null) {
      return;
    }
    if (terminal) {
      out.print("\r" + pad(text));
      out.flush();
      shown = text.length();
      return;
    }
    long now = System.currentTimeMillis();
    if (now - lastPlain >= PLAIN_EVERY_MILLIS) {
      lastPlain = now;
      out.println(text);
    }
  }

  /** Ends the line with {@code text} (always printed). */
  synchronized void finish(String text) {
    if (out == null) {
      return;
    }
    out.println(terminal ? "\r" + pad(text) : text);
    shown = 0;
    lastPlain = 0;
  }

  private String pad(String text) {
    return text.length() >= shown ? text : text + " ".repeat(shown - text.length());
  }

  /** A bar of {@code fraction} in [0, 1], e.g. {@code [#########---------------]}. */
  static String bar(double fraction) {
    int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
    return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
  }

  /** A duration as {@code 850 ms}, {@code 12.3 s} or {@code 4m05s}. */
  static String duration(long millis) {
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format("%.1f s", millis / 1000.0);
    }
    long s = millis / 1000;
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60) : String.format("%dm%02ds", s / 60, s % 60);
  }
}
