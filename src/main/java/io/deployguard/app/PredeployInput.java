package io.deployguard.app;

import io.deployguard.docker.DockerfileIgnores;
import io.deployguard.docker.dockerfile.DockerfileScan;
import io.deployguard.policy.Ignore;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One pre-deploy input as given: the text the user wrote ({@code plan.json}, {@code
 * docker-archive:app.tar}) and the folder relative paths in it are read from.
 */
public record PredeployInput(InputKind kind, String spec, Path baseDir) {
  public PredeployInput {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(baseDir, "baseDir");
  }

  /** {@code spec} as a path resolved against {@code baseDir}, for inputs that are files. */
  public Path path() {
    return baseDir.resolve(spec).normalize();
  }

  /**
   * What reports call this input: the path it is read from ({@code docker-archive:} and the
   * path, for an image archive), which is how the readers name it in their findings and errors.
   * {@code spec} stays its identity ({@code eks.images} refers to images by it).
   */
  public String name() {
    return kind == InputKind.IMAGE ? Scanners.imageSpec(this) : path().toString();
  }

  /** The suppression comments written in this input. */
  public List<Ignore> ignores() {
    return kind == InputKind.DOCKERFILE ? DockerfileIgnores.read(DockerfileScan.resolve(path())) : List.of();
  }

  /** How reports and fingerprints name this input's findings (see {@link Naming}). */
  public Naming naming() {
    return switch (kind) {
      case PLAN -> Naming.plan(path(), name());
      case DOCKERFILE -> Naming.file(path());
      case IMAGE -> Naming.image();
    };
  }
}
