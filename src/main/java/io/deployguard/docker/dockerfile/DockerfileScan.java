package io.deployguard.docker.dockerfile;

import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scans Dockerfiles on disk: finds the file (a directory means its {@code Dockerfile}), reads and
 * parses it, looks for the build context's {@code .dockerignore}, and evaluates the rules.
 */
public final class DockerfileScan {

  /** Dockerfiles are small; anything larger is not one (and is not read into memory). */
  static final long MAX_BYTES = 4L << 20;

  private DockerfileScan() {}

  /** {@code path} itself, or {@code path/Dockerfile} when it is a directory. */
  public static Path resolve(Path path) {
    return Files.isDirectory(path) ? path.resolve("Dockerfile") : path;
  }

  /**
   * Scans one Dockerfile.
   *
   * @param path a Dockerfile, or a directory holding one named {@code Dockerfile}
   * @param context the build context ({@code null}: the Dockerfile's directory)
   * @param target the stage built ({@code null}: the last one)
   * @throws InputException when the file is missing, unreadable or not a valid Dockerfile
   */
  public static List<Finding> scan(Path path, Path context, String target, DockerfileSettings settings) {
    Path file = resolve(path);
    Dockerfile d = read(file, settings);
    return DockerfileRules.RULES.evaluate(new BuildInput(d, dockerignorePresent(file, context), target), settings);
  }

  /** Reads and parses a Dockerfile; the path is named as given. */
  public static Dockerfile read(Path file, DockerfileSettings settings) {
    String name = file.toString();
    if (!Files.exists(file)) {
      throw new InputException(name, "", Files.isDirectory(file.getParent() == null ? Path.of(".") : file.getParent())
          && file.getFileName().toString().equals("Dockerfile") ? "no Dockerfile in this directory" : "file not found",
          "give the path of a Dockerfile, or of a directory that holds one named Dockerfile");
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException(name, "", "not a regular file", "give the path of a Dockerfile");
    }
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InputException(name, "", "larger than " + (MAX_BYTES >> 20) + " MiB, so not a Dockerfile",
            "give the path of a Dockerfile");
      }
      return DockerfileParser.parse(name, Files.readAllBytes(file), settings.buildArgs(), settings.maxStages());
    } catch (IOException e) {
      throw new InputException(name, "", "cannot be read: " + e.getMessage(), "check the path and its permissions", e);
    }
  }

  /**
   * Whether the build has a {@code .dockerignore}: BuildKit uses {@code <Dockerfile>.dockerignore}
   * beside the Dockerfile when it exists, else {@code .dockerignore} at the root of the context.
   */
  public static boolean dockerignorePresent(Path dockerfile, Path context) {
    Path dir = context != null ? context : dockerfile.toAbsolutePath().getParent();
    return Files.isRegularFile(Path.of(dockerfile + ".dockerignore"))
        || (dir != null && Files.isRegularFile(dir.resolve(".dockerignore")));
  }
}
