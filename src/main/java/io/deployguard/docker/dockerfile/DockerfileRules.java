package io.deployguard.docker.dockerfile;

import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import java.util.ArrayList;
import java.util.List;

/** Every Dockerfile rule, in one explicit list, and their evaluation over one parsed file. */
public final class DockerfileRules {
  private DockerfileRules() {}

  /** DF001-DF006, in id order. */
  public static final List<Rule<BuildInput, DockerfileSettings>> ALL = List.of(
      new MultiStageRule(),
      new SdkBaseImageRule(),
      new PackageCacheRule(),
      new DockerignoreRule(),
      new UnpinnedBaseRule(),
      new RootUserRule());

  /** The metadata of {@link #ALL}, for the rule catalogue and reports. */
  public static final List<RuleMetadata> METADATA = ALL.stream().map(Rule::metadata).toList();

  /** Runs every rule over the input; findings are at their default severities. */
  public static List<Finding> evaluate(BuildInput input, DockerfileSettings settings) {
    List<Finding> out = new ArrayList<>();
    for (Rule<BuildInput, DockerfileSettings> r : ALL) {
      out.addAll(r.check(input, settings));
    }
    return out;
  }

  /** Runs every rule over a Dockerfile whose last stage is built. */
  public static List<Finding> evaluate(Dockerfile dockerfile, DockerfileSettings settings, boolean dockerignorePresent) {
    return evaluate(BuildInput.of(dockerfile, dockerignorePresent), settings);
  }
}
