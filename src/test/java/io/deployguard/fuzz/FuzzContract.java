package io.deployguard.fuzz;

import io.deployguard.policy.ConfigException;
import io.deployguard.policy.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every harness holds a reader to: for any bytes, it returns or throws the reader's own
 * input or configuration error with a one-line message; anything else (a runtime exception, a
 * stack overflow, running out of memory) escapes to Jazzer as a finding.
 */
final class FuzzContract {
  private FuzzContract() {}

  /** How long {@code mvn -Pfuzz test -Dtest=...} fuzzes one harness. */
  static final String BUDGET = "5m";

  /** One scratch file per harness thread, rewritten for each input. */
  private static final ThreadLocal<Path> SCRATCH = ThreadLocal.withInitial(() -> {
    try {
      Path dir = Files.createTempDirectory("deployguard-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  });

  /** Writes {@code data} to a scratch file named {@code name} and returns its path. */
  static Path file(String name, byte[] data) {
    try {
      Path p = SCRATCH.get().resolve(name);
      Files.write(p, data);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code read}; an input or configuration error with a one-line message is a pass. */
  static void expectOnlyCleanErrors(Runnable read) {
    try {
      read.run();
    } catch (InputException | ConfigException e) {
      String m = e.getMessage();
      if (m == null || m.isBlank() || m.contains("\n")) {
        throw new AssertionError("an error message must be one non-empty line, got: " + m, e);
      }
    }
  }
}
