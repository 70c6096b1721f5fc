package io.deployguard.docker.dockerfile;

import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * DF005: a base image (of any stage, or of {@code COPY --from=<image>}) without a tag, on
 * {@code latest}, or depending on a build argument that has no value; with
 * {@code require_digest}, also one pinned by tag only. {@code scratch} and references to earlier
 * stages are not images and are never reported.
 */
public final class UnpinnedBaseRule extends Rule.Base<BuildInput, DockerfileSettings> {

  public UnpinnedBaseRule() {
    super(METADATA);
  }

  public static final RuleMetadata METADATA = new RuleMetadata(
      "DF005",
      "Base image is not pinned",
      Severity.MEDIUM,
      "dockerfile",
      "An image without a tag, or on latest, changes under the build: the same commit builds a different, "
          + "possibly larger or broken, image tomorrow.",
      "Pin a version tag (eclipse-temurin:21.0.5_11-jre), best with its digest (image:tag@sha256:...).");

  @Override
  public List<Finding> check(BuildInput input, DockerfileSettings settings) {
    Dockerfile d = input.dockerfile();
    List<Finding> out = new ArrayList<>();
    for (Stage s : d.stages()) {
      if (!s.unresolvedArgs().isEmpty()) {
        out.add(finding()
            .resource(input.resource(s))
            .message("the base image '" + s.baseImage() + "' of " + BuildInput.describe(s) + " depends on build argument "
                + String.join(", ", s.unresolvedArgs()) + ", which has no default")
            .location(Location.at(d.path(), s.line()))
            .fix("Give the ARG a pinned default (ARG " + s.unresolvedArgs().get(0) + "=<version>) or set it under "
                + "dockerfile.build_args in deployguard.yml.")
            .key(s.baseImage())
            .build());
      } else if (s.image() != null) {
        check(input, s, s.image(), s.line(), "base image", settings, out);
      }
      for (Instruction copy : s.all("COPY")) {
        String from = copy.flag("from").orElse(null);
        if (from != null && d.stageNamed(from, s).isEmpty() && !from.contains("$")) {
          try {
            check(input, s, ImageReference.parse(from), copy.line(), "COPY --from image", settings, out);
          } catch (IllegalArgumentException e) {
            // Not a reference BuildKit could pull either; the build itself reports it.
          }
        }
      }
    }
    return out;
  }

  private void check(BuildInput input, Stage s, ImageReference image, int line, String what,
      DockerfileSettings settings, List<Finding> out) {
    if (image.isScratch() || image.hasDigest()) {
      return;
    }
    String problem;
    if (image.tag().isEmpty()) {
      problem = "has no tag, so it means :latest";
    } else if (image.tag().equals("latest")) {
      problem = "is on :latest";
    } else if (settings.requireDigest()) {
      problem = "is pinned by tag only, and dockerfile.require_digest asks for a digest";
    } else {
      return;
    }
    out.add(finding()
        .resource(input.resource(s))
        .message("the " + what + " " + image.text() + " of " + BuildInput.describe(s) + " " + problem)
        .location(Location.at(input.dockerfile().path(), line))
        .fix("Pin " + image.fullName() + " to a version tag (" + image.fullName() + ":<version>), best also with its "
            + "digest (" + image.fullName() + ":<version>@sha256:...).")
        .key(image.text())
        .detail("image", image.text())
        .build());
  }
}
