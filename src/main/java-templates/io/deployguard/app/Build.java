package io.deployguard.app;

/** What the build recorded (filtered by Maven from {@code src/main/java-templates}). */
final class Build {
  private Build() {}

  static final String VERSION = "${project.version}";

  /** {@code git rev-parse --short=12 HEAD}, or {@code unknown} outside a git checkout. */
  static final String COMMIT = "${deployguard.commit}";
}
