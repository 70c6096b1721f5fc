package io.deployguard.docker.dockerfile;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container image reference as written in {@code FROM} or {@code COPY --from}:
 * {@code [registry/]repository[:tag][@digest]}.
 *
 * @param text the reference as resolved (build arguments substituted)
 * @param registry the registry host, or empty for Docker Hub
 * @param repository the path in the registry, without Docker Hub's {@code library/} prefix
 * @param tag the tag, or empty when none is written
 * @param digest the digest ({@code sha256:...}), or empty
 */
public record ImageReference(String text, String registry, String repository, String tag, String digest) {

  /** Docker's limit on a repository name with its registry (distribution's NameTotalLengthMax). */
  static final int MAX_NAME = 255;
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  public ImageReference {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
  }

  /**
   * Parses a reference.
   *
   * @throws IllegalArgumentException saying what part is malformed
   */
  public static ImageReference parse(String text) {
    String rest = text;
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!isDigest(digest)) {
        throw new IllegalArgumentException("'" + shorten(digest) + "' is not a digest (write @sha256:<64 hex digits>)");
      }
    }
    if (rest.length() > MAX_NAME + 1 + 128) {
      throw new IllegalArgumentException("the reference is longer than " + (MAX_NAME + 1 + 128)
          + " characters, Docker's limit for a name and tag");
    }
    String tag = "";
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("'" + shorten(tag) + "' is not a valid tag");
      }
    }
    String registry = "";
    int first = rest.indexOf('/');
    if (first > 0) {
      String head = rest.substring(0, first);
      if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
        registry = head.toLowerCase(Locale.ROOT);
        rest = rest.substring(first + 1);
      }
    }
    if ((registry.isEmpty() ? 0 : registry.length() + 1) + rest.length() > MAX_NAME) {
      throw new IllegalArgumentException("the repository name is longer than " + MAX_NAME + " characters, Docker's limit");
    }
    if (!isPath(rest)) {
      throw new IllegalArgumentException("'" + shorten(rest) + "' is not a valid repository name (lower-case letters, digits, '.', '_', '-' and '/')");
    }
    if ((registry.isEmpty() || registry.equals("docker.io") || registry.equals("index.docker.io"))
        && rest.startsWith("library/")) {
      rest = rest.substring("library/".length());
    }
    if (registry.equals("index.docker.io")) {
      registry = "docker.io";
    }
    return new ImageReference(text, registry, rest, tag, digest);
  }

  /**
   * Components of {@code [a-z0-9]+} joined by one {@code .}, one or two {@code _}, or any run of
   * {@code -}, separated by {@code /}; read by hand, since the grammar as a pattern recurses once
   * per component.
   */
  private static boolean isPath(String s) {
    int i = 0;
    int n = s.length();
    while (true) {
      int start = i;
      while (i < n && alnum(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        return false;
      }
      if (i == n) {
        return true;
      }
      char c = s.charAt(i);
      if (c == '/') {
        i++;
      } else if (c == '.') {
        i++;
      } else if (c == '_') {
        i += i + 1 < n && s.charAt(i + 1) == '_' ? 2 : 1;
      } else if (c == '-') {
        while (i < n && s.charAt(i) == '-') {
          i++;
        }
      } else {
        return false;
      }
    }
  }

  /** {@code algorithm:encoded} as OCI defines it; sha256 and sha512 need their hex lengths. */
  private static boolean isDigest(String d) {
    int colon = d.indexOf(':');
    if (colon <= 0 || d.length() > 256) {
      return false;
    }
    String alg = d.substring(0, colon);
    String enc = d.substring(colon + 1);
    for (int i = 0; i < alg.length(); i++) {
      char c = alg.charAt(i);
      boolean sep = c == '+' || c == '.' || c == '_' || c == '-';
      if (!(alnum(c) || (sep && i > 0 && i < alg.length() - 1 && alnum(alg.charAt(i - 1))))) {
        return false;
      }
    }
    if (alg.equals("sha256") || alg.equals("sha512")) {
      return enc.length() == (alg.equals("sha256") ? 64 : 128) && enc.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }
    return enc.length() >= 32 && enc.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '=' || c == '_' || c == '-');
  }

  private static boolean alnum(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  /** The last component of the repository: {@code maven} for {@code docker.io/library/maven:3}. */
  public String name() {
    return repository.substring(repository.lastIndexOf('/') + 1);
  }

  /** The repository with its registry: {@code mcr.microsoft.com/dotnet/sdk}. */
  public String fullName() {
    return registry.isEmpty() ? repository : registry + "/" + repository;
  }

  /** {@code FROM scratch}: the empty image. */
  public boolean isScratch() {
    return registry.isEmpty() && repository.equals("scratch");
  }

  public boolean hasDigest() {
    return !digest.isEmpty();
  }
}
