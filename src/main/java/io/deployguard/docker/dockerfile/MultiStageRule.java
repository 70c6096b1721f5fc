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
 * and the toolchain stays in its layers, so compilers, SDKs, sources and build caches end up in the
 * image: a missing multi-stage build. A toolchain installed and removed again within the one
 * {@code RUN} that uses it never reaches a layer and is not reported (see {@link Toolchains});
 * neither are toolchains in stages the final image only copies artifacts from: they are the cure,
 * not the problem.
 */
public final class MultiStageRule extends Rule.Base<BuildInput, DockerfileSettings> {

  public MultiStageRule() {
    super(METADATA);
  }

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
  public List<Finding> check(BuildInput input, DockerfileSettings settings) {
    Dockerfile d = input.dockerfile();
    Stage fin = input.finalStage();
    Set<String> extra = new HashSet<>(settings.toolchainCommands());
    List<Finding> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Toolchains.Use use : Toolchains.uses(d, fin, extra, settings.buildArgs(), settings.sdkImages())) {
      if (!seen.add(use.tool() + " " + use.command().line())) {
        // make clean && make && make install: one finding for the line.
        continue;
      }
      Stage where = stageOf(d, fin, use.run());
      ShellCommand c = use.command();
      String what = "'" + c.display() + "' (" + use.tool() + ") at line " + c.line();
      String message;
      if (d.stages().size() == 1) {
        message = "single-stage build runs " + what + ": " + use.stays() + " (missing multi-stage build)";
      } else if (where == fin) {
        message = "the final " + BuildInput.describe(fin) + " runs " + what + ": " + use.stays()
            + " (missing multi-stage build)";
      } else {
        message = BuildInput.describe(where) + " runs " + what + " and the final " + BuildInput.describe(fin)
            + " is built FROM it: " + use.stays() + " (missing multi-stage build)";
      }
      out.add(finding()
          .resource(input.resource(where))
          .message(message)
          .location(Location.at(d.path(), c.line()))
          .fix("Run '" + c.name() + "' in a build stage (FROM <sdk image> AS build) and start the final stage from a "
              + "runtime image, copying only the artifact with COPY --from=build; or remove what it needs in the same "
              + "RUN that installs it.")
          .key(use.tool() + " " + c.name())
          .detail("command", c.display())
          .detail("stage", where.label())
          .detail("toolchain", use.tool())
          .detail("stays", use.unsure() ? "unsure" : "yes")
          .build());
    }
    return out;
  }

  static Stage stageOf(Dockerfile d, Stage fin, Instruction in) {
    for (Stage s : d.lineage(fin)) {
      for (Instruction i : s.instructions()) {
        if (i == in) {
          return s;
        }
      }
    }
    return fin;
  }
}
