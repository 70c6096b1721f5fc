package io.deployguard.docker.dockerfile;

import io.deployguard.policy.InputException;
import java.util.Objects;

/**
 * What the Dockerfile rules look at: the parsed file, whether its build context has a
 * {@code .dockerignore}, and the stage that is built.
 *
 * @param dockerfile the parsed Dockerfile
 * @param dockerignorePresent whether {@code .dockerignore} (or {@code <Dockerfile>.dockerignore})
 *     exists for the build context
 * @param target the stage built ({@code docker build --target}), or {@code null} for the last
 */
public record BuildInput(Dockerfile dockerfile, boolean dockerignorePresent, String target) {

  public BuildInput {
    Objects.requireNonNull(dockerfile, "dockerfile");
    if (target != null && dockerfile.stage(target).isEmpty()) {
      throw new InputException(dockerfile.path(), "", "there is no stage '" + target + "' to build",
          "give --target one of: " + String.join(", ", dockerfile.stages().stream().map(Stage::label).toList()));
    }
  }

  public static BuildInput of(Dockerfile dockerfile, boolean dockerignorePresent) {
    return new BuildInput(dockerfile, dockerignorePresent, null);
  }

  /** The stage the build produces: the target, or the last stage. */
  public Stage finalStage() {
    return target == null ? dockerfile.finalStage() : dockerfile.stage(target).orElseThrow();
  }

  /** How findings name a stage: {@code path/Dockerfile (stage build)}. */
  public String resource(Stage stage) {
    return dockerfile.path() + " (stage " + stage.label() + ")";
  }

  /** How messages name a stage: {@code stage 'build'} or {@code stage 0}. */
  static String describe(Stage stage) {
    return stage.name() != null ? "stage '" + stage.name() + "'" : "stage " + stage.index();
  }
}
