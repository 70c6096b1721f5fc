package io.deployguard.docker.image;

import io.deployguard.policy.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where an image comes from, written as containers-transports names that skopeo and podman users
 * know: {@code docker-daemon:REF}, {@code docker-archive:PATH}, {@code oci-archive:PATH}, {@code
 * oci:DIR[:REF]}; or bare, where an existing path is recognised by its contents and anything
 * else is a reference in the Docker Engine.
 */
public sealed interface ImageSource {

  /** The source as the user wrote it; findings and errors name it. */
  String spec();

  /** An image in a Docker Engine (or podman's compatible service). */
  record Daemon(String spec, String reference) implements ImageSource {}

  /**
   * A tar archive.
   *
   * @param reference the image to pick when the archive holds several, or null
   */
  record Archive(String spec, Path path, ArchiveFormat format, String reference) implements ImageSource {}

  /** An OCI image layout directory; {@code reference} picks by {@code ref.name}, or null. */
  record Layout(String spec, Path dir, String reference) implements ImageSource {}

  /**
   * Parses a source.
   *
   * @throws InputException for a transport deployguard cannot read or a path that does not exist
   */
  static ImageSource parse(String spec) {
    int colon = spec.indexOf(':');
    String transport = colon > 0 ? spec.substring(0, colon).toLowerCase(Locale.ROOT) : "";
    String rest = colon > 0 ? spec.substring(colon + 1) : spec;
    switch (transport) {
      case "docker-daemon" -> {
        if (rest.isBlank()) {
          throw new InputException(spec, "", "no image reference", "write docker-daemon:NAME[:TAG]");
        }
        return new Daemon(spec, rest);
      }
      case "docker-archive" -> {
        return archive(spec, rest, ArchiveFormat.DOCKER);
      }
      case "oci-archive" -> {
        return archive(spec, rest, ArchiveFormat.OCI);
      }
      case "oci" -> {
        String[] pr = pathAndReference(rest);
        Path dir = Path.of(pr[0]);
        if (!Files.isDirectory(dir)) {
          throw new InputException(spec, "", Files.exists(dir) ? "not a directory" : "no such directory",
              Files.exists(dir) ? "for an archive use oci-archive:PATH" : "check the path");
        }
        requireLayout(spec, dir);
        return new Layout(spec, dir, pr[1]);
      }
      case "docker", "containers-storage", "dir", "docker-image" -> throw new InputException(spec, "",
          "the " + transport + ": transport is not supported",
          "use docker-daemon:REF, docker-archive:PATH, oci-archive:PATH or oci:DIR (pull or save the image first)");
      default -> {
        return bare(spec);
      }
    }
  }

  private static ImageSource bare(String spec) {
    Path p = Path.of(spec);
    if (Files.isDirectory(p)) {
      requireLayout(spec, p);
      return new Layout(spec, p, null);
    }
    if (Files.exists(p)) {
      return new Archive(spec, p, ArchiveFormat.ANY, null);
    }
    String lower = spec.toLowerCase(Locale.ROOT);
    if (spec.startsWith("/") || spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("~")
        || lower.endsWith(".tar") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
      throw new InputException(spec, "", "no such file",
          "check the path, or write docker-daemon:REF for an image in a Docker Engine");
    }
    return new Daemon(spec, spec);
  }

  private static Archive archive(String spec, String rest, ArchiveFormat format) {
    String[] pr = pathAndReference(rest);
    Path p = Path.of(pr[0]);
    if (Files.isDirectory(p)) {
      throw new InputException(spec, "", "is a directory, not an archive", "for an OCI layout directory use oci:DIR");
    }
    if (!Files.exists(p)) {
      throw new InputException(spec, "", "no such file", "check the path");
    }
    return new Archive(spec, p, format, pr[1]);
  }

  /** {@code PATH:REF} when PATH exists but the whole does not (containers-transports syntax). */
  private static String[] pathAndReference(String rest) {
    if (!Files.exists(Path.of(rest))) {
      // A reference may hold colons itself (name:tag): split at the first colon that ends a path.
      for (int c = rest.indexOf(':'); c > 0; c = rest.indexOf(':', c + 1)) {
        if (Files.exists(Path.of(rest.substring(0, c)))) {
          return new String[] {rest.substring(0, c), rest.substring(c + 1)};
        }
      }
    }
    return new String[] {rest, null};
  }

  private static void requireLayout(String spec, Path dir) {
    if (!Files.isRegularFile(dir.resolve("oci-layout"))) {
      throw new InputException(spec, "", "directory is not an OCI image layout (no oci-layout file)",
          "give a layout written by podman push IMAGE oci:DIR or skopeo copy, or an image archive");
    }
  }
}
