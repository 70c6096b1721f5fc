package io.deployguard.docker.dockerfile;

import java.util.Objects;

/**
 * A here-document of a {@code RUN}, {@code COPY} or {@code ADD} instruction.
 *
 * @param name the delimiter without quotes ({@code EOF})
 * @param chomp written {@code <<-}: leading tabs are removed from the content
 * @param expand the delimiter was unquoted, so variables in the content are expanded
 * @param content the lines between the instruction and the delimiter, each ending in a newline
 * @param line the line of the first content line (the line after the instruction, or after the
 *     previous heredoc)
 */
public record Heredoc(String name, boolean chomp, boolean expand, String content, int line) {
  public Heredoc {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }
}
