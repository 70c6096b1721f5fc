package io.deployguard.docker.dockerfile;

import java.util.List;
import java.util.Objects;

/**
 * One build stage: a {@code FROM} and the instructions up to the next one.
 *
 * @param index the stage's position, from 0
 * @param name the name given with {@code AS}, in lower case, or {@code null}
 * @param baseImage the {@code FROM} argument with the build arguments substituted (as written
 *     when some could not be)
 * @param image the parsed base image; {@code null} when the stage builds on another stage or the
 *     reference depends on a build argument without a value
 * @param baseStage the index of the stage this one builds on ({@code FROM build AS final}), or
 *     {@code null}
 * @param platform the {@code --platform} value as written, or {@code null}
 * @param instructions the instructions after {@code FROM}, in order
 * @param line the line of the {@code FROM}
 * @param unresolvedArgs build arguments the {@code FROM} uses that have no value
 */
public record Stage(
    int index,
    String name,
    String baseImage,
    ImageReference image,
    Integer baseStage,
    String platform,
    List<Instruction> instructions,
    int line,
    List<String> unresolvedArgs) {

  public Stage {
    Objects.requireNonNull(baseImage, "baseImage");
    instructions = List.copyOf(instructions);
    unresolvedArgs = List.copyOf(unresolvedArgs);
  }

  /** How findings name the stage: its name, or its index when it has none. */
  public String label() {
    return name != null ? name : String.valueOf(index);
  }

  /** The instructions with the given keyword. */
  public List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.is(keyword)).toList();
  }
}
