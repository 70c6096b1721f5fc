package io.deployguard.jenkins.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One released runnable jar in a Maven repository, at the layout the release publishes:
 * {@code REPO/io/deployguard/deployguard/VERSION/deployguard-VERSION-all.jar}, with its
 * {@code .sha256} (preferred) or {@code .sha1} next to it.
 *
 * @param repository the repository's base URL, without a trailing slash ({@code http}, {@code https} or {@code file})
 * @param version the release version, such as {@code 0.1.0}
 */
public record Release(URI repository, String version) {
  /** Maven Central, where releases are published. */
  public static final String MAVEN_CENTRAL = "https://repo1.maven.org/maven2";

  /** The release a new tool installation offers; the project's version (a test holds them together). */
  public static final String DEFAULT_VERSION = "0.1.0";

  /** Letters, digits and {@code . - _ +}, starting with a digit: a version, never a path. */
  private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z._+-]{0,63}");

  public Release {
    if (!isVersion(version)) {
      throw new IllegalArgumentException("not a version: " + version);
    }
  }

  /**
   * The release {@code version} in {@code repositoryUrl} (empty: Maven Central).
   *
   * @throws StepInputException for a version that is not one, or a URL that is not http(s) or file
   */
  public static Release of(String repositoryUrl, String version) {
    String v = version == null ? "" : version.trim();
    if (!isVersion(v)) {
      throw new StepInputException("deployguard version '" + v + "': give a released version such as 0.1.0"
          + " (digits, letters and . - _ + only)");
    }
    String url = repositoryUrl == null || repositoryUrl.isBlank() ? MAVEN_CENTRAL : repositoryUrl.trim();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new StepInputException("repository URL '" + url + "': not a URL (" + e.getReason()
          + "); e.g. " + MAVEN_CENTRAL);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("file")) {
      throw new StepInputException("repository URL '" + url + "': use an https://, http:// or file: URL, e.g. "
          + MAVEN_CENTRAL);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new StepInputException("repository URL '" + url + "': drop the query or fragment; give the repository's base URL");
    }
    return new Release(uri, v);
  }

  private static boolean isVersion(String value) {
    return VERSION.matcher(value).matches() && !value.contains("..");
  }

  /** The {@code all} jar's URL. */
  public URI jar() {
    return URI.create(repository + "/io/deployguard/deployguard/" + version + "/deployguard-" + version + "-all.jar");
  }

  /** The URL of the jar's checksum file in {@code algorithm}. */
  public URI checksum(Checksum.Algorithm algorithm) {
    return URI.create(jar() + algorithm.extension());
  }
}
