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

  private static final Pattern PATH = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");

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
      if (!DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException("'" + digest + "' is not a digest (write @sha256:<64 hex digits>)");
      }
    }
    String tag = "";
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("'" + tag + "' is not a valid tag");
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
    if (!PATH.matcher(rest).matches()) {
      throw new IllegalArgumentException("'" + rest + "' is not a valid repository name (lower-case letters, digits, '.', '_', '-' and '/')");
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
