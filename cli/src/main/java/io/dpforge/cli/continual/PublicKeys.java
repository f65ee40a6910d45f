package io.dpforge.cli.continual;

import io.dpforge.dp.data.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a public key list: one key per line, blank lines ignored, no duplicates. */
final class PublicKeys {
  private PublicKeys() {}

  static List<String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read the public key list (" + e.getMessage() + ")");
    }
    List<String> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String key = lines.get(i).strip();
      if (key.isEmpty()) {
        continue;
      }
      if (!seen.add(key)) {
        throw new InvalidInputException(file + ", line " + (i + 1) + ": key '" + key + "' is listed twice; expected"
            + " each public key once");
      }
      keys.add(key);
    }
    if (keys.isEmpty()) {
      throw new InvalidInputException(file + ": expected at least one key (one per line), found none");
    }
    return keys;
  }
}
