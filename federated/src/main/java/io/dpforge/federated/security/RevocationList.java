package io.dpforge.federated.security;

import io.dpforge.dp.data.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Revoked federation members, read from a text file that operators edit while the coordinator runs: one
 * entry per line, either a client name (the common name of its certificates) or {@code sha256:HEX}, the
 * fingerprint of one certificate; {@code #} starts a comment. The file is read again whenever it changes
 * (modification time, size or file identity), so a revocation takes effect on the next call without a
 * restart. A file that becomes unreadable or malformed keeps the last good list in force and is reported.
 */
public final class RevocationList {
  /** Nobody is revoked. */
  public static final RevocationList NONE = new RevocationList();

  private final Path file;
  private final Consumer<String> log;
  private Object version;
  private Set<String> names = Set.of();
  private Set<String> fingerprints = Set.of();

  private RevocationList() {
    this.file = null;
    this.log = m -> { };
  }

  private RevocationList(Path file, Consumer<String> log) {
    this.file = Objects.requireNonNull(file);
    this.log = Objects.requireNonNull(log);
    Loaded l = load(file);
    apply(l);
  }

  /**
   * Watches a revocation file.
   *
   * @throws InvalidInputException naming the file and line when it cannot be read now
   */
  public static RevocationList watch(Path file, Consumer<String> log) {
    return new RevocationList(file, log);
  }

  /** Whether a member is revoked, by name or by the fingerprint of any of the given certificates. */
  public synchronized boolean isRevoked(String name, byte[]... certificatesDer) {
    refresh();
    if (names.contains(name)) {
      return true;
    }
    for (byte[] der : certificatesDer) {
      if (der != null && fingerprints.contains(SignerTrust.fingerprint(der))) {
        return true;
      }
    }
    return false;
  }

  /** How many entries are in force. */
  public synchronized int size() {
    refresh();
    return names.size() + fingerprints.size();
  }

  private void refresh() {
    if (file == null) {
      return;
    }
    Object now = stamp(file);
    if (Objects.equals(now, version)) {
      return;
    }
    try {
      apply(load(file));
      log.accept("revocation list " + file + " reloaded: " + (names.size() + fingerprints.size()) + " entries");
    } catch (InvalidInputException e) {
      version = now;
      log.accept("revocation list not reloaded, the previous one stays in force: " + e.getMessage());
    }
  }

  private record Loaded(Object version, Set<String> names, Set<String> fingerprints) {}

  private void apply(Loaded l) {
    version = l.version();
    names = l.names();
    fingerprints = l.fingerprints();
  }

  private static Loaded load(Path file) {
    Object version = stamp(file);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read the revocation list: " + e.getMessage());
    }
    Set<String> names = new HashSet<>();
    Set<String> fingerprints = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String entry = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.regionMatches(true, 0, "sha256:", 0, 7)) {
        String hex = entry.substring(7).toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
          throw new InvalidInputException(file + ":" + (i + 1) + ": expected sha256: and 64 hex digits, got '"
              + entry + "'");
        }
        fingerprints.add(hex);
      } else if (entry.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidInputException(file + ":" + (i + 1) + ": expected one client name or sha256:HEX per line,"
            + " got '" + entry + "'");
      } else {
        names.add(entry);
      }
    }
    return new Loaded(version, Set.copyOf(names), Set.copyOf(fingerprints));
  }

  private static Object stamp(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
    } catch (IOException e) {
      return "missing";
    }
  }
}
