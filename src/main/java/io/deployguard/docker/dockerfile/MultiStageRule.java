package io.deployguard.docker.dockerfile;

import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DF001: the stage that is shipped (or a stage it is built {@code FROM}) runs a build toolchain,
 * so compilers, SDKs, sources and build caches end up in the image: a missing multi-stage build.
 * Toolchains run in stages the final image only copies artifacts from are the cure, not the
 * problem, and are not reported.
 */
public final class MultiStageRule implements Rule<BuildInput, DockerfileSettings> {

  public static final RuleMetadata METADATA = new RuleMetadata(
      "DF001",
      "Build toolchain runs in the shipped stage (missing multi-stage build)",
      Severity.HIGH,
      "dockerfile",
      "A build in the stage that is shipped leaves the SDK, the sources and the dependency caches in the image: "
          + "images of gigabytes instead of megabytes, slow pulls, full node disks and eviction loops.",
      "Build in a named stage (FROM <sdk image> AS build), start the final stage from a runtime image, and "
          + "COPY --from=build only the artifact.");

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public List<Finding> check(BuildInput input, DockerfileSettings settings) {
    Dockerfile d = input.dockerfile();
    Stage fin = input.finalStage();
    Set<String> extra = new HashSet<>(settings.toolchainCommands());
    List<Finding> out = new ArrayList<>();
    for (Toolchains.Use use : Toolchains.uses(Lineages.runs(d, fin), extra)) {
      Stage where = stageOf(d, fin, use.run());
      ShellCommand c = use.command();
      String what = "'" + c.display() + "' (" + use.tool() + ") at line " + c.line();
      String message;
      if (d.stages().size() == 1) {
        message = "single-stage build runs " + what + ": the toolchain, sources and build caches ship in the image "
            + "(missing multi-stage build)";
      } else if (where == fin) {
        message = "the final " + BuildInput.describe(fin) + " runs " + what
            + ": the toolchain ships in the image (missing multi-stage build)";
      } else {
        message = BuildInput.describe(where) + " runs " + what + " and the final " + BuildInput.describe(fin)
            + " is built FROM it, so the toolchain ships in the image (missing multi-stage build)";
      }
      out.add(finding()
          .resource(input.resource(where))
          .message(message)
          .location(Location.at(d.path(), c.line()))
          .fix("Run '" + c.name() + "' in a build stage (FROM <sdk image> AS build) and start the final stage from a "
              + "runtime image, copying only the artifact with COPY --from=build.")
          .key(use.tool() + " " + c.name())
          .detail("command", c.display())
          .detail("stage", where.label())
          .detail("toolchain", use.tool())
          .build());
    }
    return out;
  }

  static Stage stageOf(Dockerfile d, Stage fin, Instruction in) {
    for (Stage s : d.lineage(fin)) {
      if (s.instructions().contains(in)) {
        return s;
      }
    }
    return fin;
  }
}
