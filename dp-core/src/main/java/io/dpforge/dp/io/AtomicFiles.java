package io.dpforge.dp.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Writes files so that readers never see a half-written result: the content goes to a temporary file
 * in the target's directory, which is then renamed over the target in one step. If writing fails, the
 * temporary file is removed and any previous target is left untouched.
 */
public final class AtomicFiles {

  /** Writes the body of a file to an output stream. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code target} atomically. The file gets the permissions any new file gets (the process's
   * umask applies), like a file written in place would.
   *
   * @throws UncheckedIOException naming the target when its directory cannot be written or the
   *     body fails
   */
  public static void write(Path target, Body body) {
    write(target, body, false);
  }

  /**
   * Writes {@code target} atomically, readable and writable by its owner only (mode 0600 where the
   * file system has POSIX permissions) from the moment it exists: for secrets and keys.
   */
  public static void writeOwnerOnly(Path target, Body body) {
    write(target, body, true);
  }

  private static void write(Path target, Body body, boolean ownerOnly) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
      if (ownerOnly && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(tmp);
      }
      try (OutputStream out = Files.newOutputStream(tmp)) {
        body.writeTo(out);
      }
      moveIntoPlace(tmp, absolute);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + describe(e), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Writes a UTF-8 string to {@code target} atomically. */
  public static void writeString(Path target, String content) {
    write(target, out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * Moves a finished file or directory into place, atomically where the file system allows it.
   * Used for outputs written under a temporary name (for example by Spark).
   */
  public static void moveIntoPlace(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String describe(IOException e) {
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : " (" + msg + ")");
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // Best effort: a stray hidden temp file is harmless; the target was never touched.
    }
  }
}
