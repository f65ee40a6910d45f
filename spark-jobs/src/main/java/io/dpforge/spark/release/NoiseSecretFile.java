package io.dpforge.spark.release;

import io.dpforge.dp.continual.NoiseSecret;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The noise secret next to Spark's checkpoint: created once with owner-only permissions, read back on
 * every restart so a replayed tick gets the same noise, and never printed.
 */
final class NoiseSecretFile {
  static final String FILE = "noise-secret.key";

  private NoiseSecretFile() {}

  static void write(Path checkpoint, NoiseSecret secret) {
    AtomicFiles.writeOwnerOnly(checkpoint.resolve(FILE), out -> out.write(secret.bytes()));
  }

  static NoiseSecret read(Path checkpoint) {
    Path p = checkpoint.resolve(FILE);
    try {
      byte[] bytes = Files.readAllBytes(p);
      if (bytes.length != NoiseSecret.BYTES) {
        throw new InvalidInputException(p + ": expected a " + NoiseSecret.BYTES + "-byte noise secret, got "
            + bytes.length + " bytes");
      }
      return NoiseSecret.restore(bytes);
    } catch (IOException e) {
      throw new InvalidInputException(p + ": the noise secret of this checkpoint is missing or unreadable; without"
          + " it a restart cannot reproduce released values (" + e.getMessage() + ")");
    }
  }
}
