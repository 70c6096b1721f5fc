package io.deployguard.docker.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Dockerfile.
 *
 * @param path the file as named to the user (in findings and errors)
 * @param stages its build stages, in order; never empty
 * @param directives its parser directives
 * @param globalArgs the {@code ARG} instructions before the first {@code FROM}
 */
public record Dockerfile(String path, List<Stage> stages, List<ParserDirective> directives, List<Instruction> globalArgs) {

  public Dockerfile {
    Objects.requireNonNull(path, "path");
    stages = List.copyOf(stages);
    directives = List.copyOf(directives);
    globalArgs = List.copyOf(globalArgs);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a Dockerfile has at least one stage");
    }
  }

  /** The stage {@code docker build} produces without {@code --target}: the last one. */
  public Stage finalStage() {
    return stages.get(stages.size() - 1);
  }

  /** The stage named {@code name} (any case), or with that index. */
  public Optional<Stage> stage(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Stage s : stages) {
      if (n.equals(s.name())) {
        return Optional.of(s);
      }
    }
    if (n.matches("[0-9]{1,6}")) {
      int i = Integer.parseInt(n);
      if (i < stages.size()) {
        return Optional.of(stages.get(i));
      }
    }
    return Optional.empty();
  }

  /** The stage itself, then the stage it builds on, and so on up to the one built on an image. */
  public List<Stage> lineage(Stage stage) {
    List<Stage> out = new ArrayList<>();
    boolean[] seen = new boolean[stages.size()];
    Stage s = stage;
    while (s != null && !seen[s.index()]) {
      seen[s.index()] = true;
      out.add(s);
      s = s.baseStage() == null ? null : stages.get(s.baseStage());
    }
    return out;
  }

  /** The stage at the root of {@link #lineage}: the one whose base is an image. */
  public Stage root(Stage stage) {
    List<Stage> l = lineage(stage);
    return l.get(l.size() - 1);
  }

  /**
   * The earlier stage a {@code COPY --from} or {@code RUN --mount=from=} of {@code in} reads, if
   * it names one (by name or index); empty when it names an image.
   */
  public Optional<Stage> stageNamed(String from, Stage in) {
    return stage(from).filter(s -> s.index() < in.index());
  }

  /** The escape character of the {@code escape} directive, {@code \} by default. */
  public char escape() {
    return directives.stream().filter(d -> d.name().equals("escape")).map(d -> d.value().charAt(0))
        .findFirst().orElse('\\');
  }
}
