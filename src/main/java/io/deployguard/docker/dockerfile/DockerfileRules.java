package io.deployguard.docker.dockerfile;

import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleSet;
import java.util.List;

/** Every Dockerfile rule, in one explicit list. */
public final class DockerfileRules {
  private DockerfileRules() {}

  /** DF001-DF006, in id order. */
  public static final RuleSet<BuildInput, DockerfileSettings> RULES = RuleSet.of(
      new MultiStageRule(),
      new SdkBaseImageRule(),
      new CacheLeftInLayerRule(),
      new DockerignoreRule(),
      new UnpinnedBaseRule(),
      new RootUserRule());

  /** Runs every rule over a Dockerfile whose last stage is built. */
  public static List<Finding> evaluate(Dockerfile dockerfile, DockerfileSettings settings, boolean dockerignorePresent) {
    return RULES.evaluate(BuildInput.of(dockerfile, dockerignorePresent), settings);
  }
}
