package io.deployguard.docker.dockerfile;

import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;

/**
 * DF006: the shipped stage runs as root: its last {@code USER} (through the stages it is built
 * {@code FROM}) is {@code root} or {@code 0}, or there is none and the base image does not set a
 * non-root user ({@code gcr.io/distroless/*:nonroot} and Chainguard images do). {@code FROM
 * scratch} without {@code USER} runs as uid 0 and is reported. A {@code USER} whose value comes
 * from a variable without a value cannot be judged and is not reported.
 */
public final class RootUserRule extends Rule.Base<BuildInput, DockerfileSettings> {

  public RootUserRule() {
    super(METADATA);
  }

  public static final RuleMetadata METADATA = new RuleMetadata(
      "DF006",
      "Final stage runs as root",
      Severity.MEDIUM,
      "dockerfile",
      "A process running as root in the container turns any code-execution bug into root on the container's "
          + "file system and a much shorter way out of it.",
      "Add USER with a non-root user (for example USER 10001:10001, or an image's nonroot user) at the end of the "
          + "final stage.");

  @Override
  public List<Finding> check(BuildInput input, DockerfileSettings settings) {
    if (settings.allowRoot()) {
      return List.of();
    }
    Dockerfile d = input.dockerfile();
    Stage fin = input.finalStage();
    Lineages.State state = Lineages.stateBefore(d, fin, null, settings.buildArgs());
    if (state.userLine() != null) {
      if (state.user() == null || state.user().isBlank() || !Lineages.isRoot(state.user())) {
        return List.of();
      }
      return List.of(finding()
          .resource(input.resource(fin))
          .message("the final " + BuildInput.describe(fin) + " runs as " + state.user() + " (USER at line "
              + state.userLine().line() + ")")
          .location(Location.at(d.path(), state.userLine().line()))
          .key("USER " + state.user())
          .build());
    }
    Stage root = d.root(fin);
    ImageReference image = root.image();
    if (image == null || BaseImages.runsAsNonRoot(image)) {
      return List.of();
    }
    String base = image.isScratch() ? "FROM scratch runs as uid 0" : "its base image " + image.text() + " runs as root";
    return List.of(finding()
        .resource(input.resource(fin))
        .message("the final " + BuildInput.describe(fin) + " sets no USER and " + base)
        .location(Location.at(d.path(), fin.line()))
        .key("no USER")
        .build());
  }
}
