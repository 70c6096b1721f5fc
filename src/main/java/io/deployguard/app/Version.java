package io.deployguard.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * deployguard's own version and the commit it was built from, both from the build
 * ({@code version.properties}); the commit is {@code unknown} for a build outside a git checkout.
 */
public final class Version {
  private static final Properties BUILD = load();

  private Version() {}

  public static String get() {
    return version(BUILD);
  }

  /** The abbreviated commit id the jar was built from, or {@code unknown}. */
  public static String commit() {
    return commit(BUILD);
  }

  static String version(Properties build) {
    return build.getProperty("version", "dev");
  }

  /** {@code unknown} when the build recorded no commit (or left the placeholder unfiltered). */
  static String commit(Properties build) {
    String c = build.getProperty("commit", "").trim();
    return c.matches("[0-9a-f]{7,40}") ? c : "unknown";
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/io/deployguard/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource in our own jar: report the defaults
    }
    return p;
  }
}
