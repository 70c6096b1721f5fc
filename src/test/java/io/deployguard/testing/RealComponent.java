package io.deployguard.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a real component (podman, moto, gitlab-ci-local ...) call {@link #require}: a
 * missing component skips the test with a loud message, or fails it where CI sets {@code
 * DEPLOYGUARD_REQUIRE_REAL=true}, so that a skip can never pass for a green run there.
 */
public final class RealComponent {
  private RealComponent() {}

  public static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("DEPLOYGUARD_REQUIRE_REAL"));
  }

  public static void require(String component, boolean available, String howToGetIt) {
    if (available) {
      return;
    }
    String msg = "*** REAL COMPONENT MISSING: " + component + " (" + howToGetIt + ") ***";
    System.err.println(msg);
    if (required()) {
      Assertions.fail(msg + " and DEPLOYGUARD_REQUIRE_REAL=true");
    }
    Assumptions.abort(msg);
  }

  /** Whether {@code command} is found on the PATH. */
  public static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
