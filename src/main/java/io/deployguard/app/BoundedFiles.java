package io.deployguard.app;

import io.deployguard.policy.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads small files whole, but never more than a limit: the size is checked before reading, and
 * what is not a regular file ({@code /dev/zero}, a pipe) is read only up to the limit, so that a
 * huge or endless file is refused instead of filling the heap.
 */
final class BoundedFiles {
  private BoundedFiles() {}

  /** At most 4 MiB of {@code deployguard.yml}: far more than any real configuration. */
  static final long MAX_CONFIG_BYTES = 4L << 20;

  /** At most 64 MiB of baseline: about 400,000 findings. */
  static final long MAX_BASELINE_BYTES = 64L << 20;

  /**
   * The bytes of {@code path}.
   *
   * @param what what the file is, for the message ({@code configuration}, {@code baseline})
   * @param fix what to do when the file is too large
   * @throws ConfigException when the file holds more than {@code max} bytes
   * @throws IOException when it cannot be read
   */
  static byte[] read(Path path, long max, String what, String fix) throws IOException {
    if (Files.isRegularFile(path) && Files.size(path) > max) {
      throw tooLarge(path, max, what, fix);
    }
    if (Files.isDirectory(path)) {
      throw new ConfigException(path + ": is a directory, not a " + what + " file (give the file's path)");
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] b = in.readNBytes((int) max + 1);
      if (b.length > max) {
        throw tooLarge(path, max, what, fix);
      }
      return b;
    }
  }

  private static ConfigException tooLarge(Path path, long max, String what, String fix) {
    return new ConfigException(path + ": the " + what + " file is larger than the limit of " + (max >> 20)
        + " MiB (" + fix + ")");
  }
}
