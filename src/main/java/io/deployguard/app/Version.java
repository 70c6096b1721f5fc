package io.deployguard.app;

/**
 * deployguard's own version and the commit it was built from, both recorded by the build
 * ({@link Build}); the commit is {@code unknown} for a build outside a git checkout.
 */
public final class Version {
  private Version() {}

  public static String get() {
    return version(Build.VERSION);
  }

  /** The abbreviated commit id the jar was built from, or {@code unknown}. */
  public static String commit() {
    return commit(Build.COMMIT);
  }

  /** {@code dev} when the build left the placeholder unfiltered (classes compiled outside Maven). */
  static String version(String built) {
    return built.startsWith("${") ? "dev" : built;
  }

  /** {@code unknown} when the build recorded no commit (or left the placeholder unfiltered). */
  static String commit(String built) {
    String c = built.trim();
    return c.matches("[0-9a-f]{7,40}") ? c : "unknown";
  }
}
