package io.dpforge.cli.optimize;

import io.dpforge.cli.Console;
import io.dpforge.client.optim.ProgressListener;
import java.util.Locale;

/** Reports training progress on the console every 10% of the steps. */
final class ConsoleProgress implements ProgressListener {
  private final Console console;
  private final long startNanos = System.nanoTime();
  private int lastDecile;

  ConsoleProgress(Console console) {
    this.console = console;
  }

  @Override
  public void onProgress(long done, long total) {
    int decile = (int) (10 * done / Math.max(1, total));
    if (decile > lastDecile) {
      lastDecile = decile;
      console.warn(String.format(Locale.ROOT, "  %3d%% (%,d/%,d steps, %.1f s)", 10 * decile, done, total,
          (System.nanoTime() - startNanos) / 1e9));
    }
  }
}
