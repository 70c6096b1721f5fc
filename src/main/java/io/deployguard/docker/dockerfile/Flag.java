package io.deployguard.docker.dockerfile;

import java.util.Objects;

/**
 * A builder flag of an instruction, such as {@code --from=build} or {@code --link}.
 *
 * @param name the name without dashes, in lower case
 * @param value the value after {@code =}, or {@code null} for a flag written without one
 */
public record Flag(String name, String value) {
  public Flag {
    Objects.requireNonNull(name, "name");
  }
}
