package io.deployguard.app;

import io.deployguard.policy.ConfigException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes report and baseline files so that a reader never sees half of one: into a temporary
 * file beside the target, then renamed over it. A target that exists and is not a regular file
 * (a device such as {@code /dev/stdout}, a named pipe) is written in place, since renaming over
 * it would replace the device. Every failure is one line naming the path and the reason, never a
 * Java class name.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /** What writes the content. */
  @FunctionalInterface
  public interface Body {
    void write(Writer w) throws IOException;
  }

  /**
   * Checks before anything is scanned that {@code path} can be written: not a folder, and its
   * nearest existing parent is a writable folder.
   *
   * @param what what is written there, for the message ({@code sarif report}, {@code baseline})
   * @param option the option that named the path, e.g. {@code --output sarif=x}
   * @throws ConfigException saying why not
   */
  public static void checkWritable(Path path, String what, String option) {
    Path abs = path.toAbsolutePath().normalize();
    if (Files.isDirectory(abs)) {
      throw new ConfigException(option + ": " + path + " is a folder; give a file path for the " + what);
    }
    if (Files.exists(abs) && !Files.isRegularFile(abs)) {
      if (!Files.isWritable(abs)) {
        throw new ConfigException(option + ": " + path + " cannot be written (permission denied)");
      }
      return;
    }
    Path parent = abs.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent != null && !Files.isDirectory(parent)) {
      throw new ConfigException(option + ": " + path + " cannot be written: " + parent + " is a file, not a folder");
    }
    if (parent != null && !Files.isWritable(parent)) {
      throw new ConfigException(option + ": " + path + " cannot be written: " + parent + " is not writable");
    }
  }

  /**
   * Writes {@code path} as UTF-8 through a temporary file and a rename, creating missing folders.
   *
   * @throws ConfigException naming the path and the reason when it cannot be written
   */
  public static void write(Path path, String what, Body body) {
    Path abs = path.toAbsolutePath().normalize();
    Path temp = null;
    try {
      if (Files.isDirectory(abs)) {
        throw new ConfigException(path + ": cannot write the " + what + ": it is a folder (give a file path)");
      }
      if (Files.exists(abs) && !Files.isRegularFile(abs)) {
        try (Writer w = Files.newBufferedWriter(abs, StandardCharsets.UTF_8)) {
          body.write(w);
        }
        return;
      }
      Path parent = abs.getParent();
      Files.createDirectories(parent);
      temp = Files.createTempFile(parent, "." + abs.getFileName() + ".", ".tmp");
      try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        body.write(w);
      }
      try {
        Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new ConfigException(path + ": cannot write the " + what + ": " + reason(e) + " (choose a writable path)");
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The write already failed and says so; a leftover temporary file is the lesser problem.
        }
      }
    }
  }

  /** The reason in words: {@code No space left on device}, {@code permission denied}. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "a folder on the way does not exist";
    }
    if (e instanceof NotDirectoryException) {
      return "a part of the path is a file, not a folder";
    }
    if (e instanceof FileSystemException f) {
      return f.getReason() != null ? f.getReason() : "the file system refused it";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? "an I/O error" : m.lines().findFirst().orElse(m);
  }
}
