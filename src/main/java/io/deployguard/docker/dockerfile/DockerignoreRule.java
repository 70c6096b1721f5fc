package io.deployguard.docker.dockerfile;

import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DF004: {@code COPY .} or {@code ADD .} (the whole build context) without a
 * {@code .dockerignore}, so {@code .git}, local build output, {@code node_modules} and secrets
 * such as {@code .env} are copied. Copies from other stages and heredocs are not the context.
 */
public final class DockerignoreRule extends Rule.Base<BuildInput, DockerfileSettings> {

  public DockerignoreRule() {
    super(METADATA);
  }

  public static final RuleMetadata METADATA = new RuleMetadata(
      "DF004",
      "Whole build context copied without a .dockerignore",
      Severity.MEDIUM,
      "dockerfile",
      "Without a .dockerignore, COPY . takes everything in the context: VCS history, local build output, "
          + "dependency folders and secret files, which bloat the image and may leak.",
      "Add a .dockerignore beside the Dockerfile (or in the build context) excluding .git, build output, "
          + "node_modules and secrets, or copy only the paths the build needs.");

  private static final Set<String> WHOLE_CONTEXT = Set.of(".", "./", "*", "./*", "./.");

  @Override
  public List<Finding> check(BuildInput input, DockerfileSettings settings) {
    if (input.dockerignorePresent()) {
      return List.of();
    }
    Dockerfile d = input.dockerfile();
    List<Finding> out = new ArrayList<>();
    for (Stage s : d.stages()) {
      for (Instruction in : s.instructions()) {
        if (!(in.is("COPY") || in.is("ADD")) || in.flag("from").isPresent() || !in.heredocs().isEmpty()) {
          continue;
        }
        List<String> words = in.words();
        if (words.subList(0, words.size() - 1).stream().anyMatch(WHOLE_CONTEXT::contains)) {
          out.add(finding()
              .resource(input.resource(s))
              .message(in.keyword() + " at line " + in.line() + " copies the whole build context and there is no "
                  + ".dockerignore")
              .location(Location.at(d.path(), in.line()))
              .key(in.keyword() + " " + String.join(" ", words))
              .build());
        }
      }
    }
    return out;
  }
}
