package io.deployguard.docker.dockerfile;

import java.util.Objects;

/**
 * A parser directive at the top of a Dockerfile ({@code # syntax=docker/dockerfile:1},
 * {@code # escape=`}, {@code # check=skip=...}).
 *
 * @param name the directive's name in lower case
 * @param value its value as written
 * @param line where it is
 */
public record ParserDirective(String name, String value, int line) {
  public ParserDirective {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
