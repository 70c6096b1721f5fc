package io.deployguard.docker.dockerfile;

import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;

/**
 * DF002: the shipped stage is based on a build image: an SDK image ({@code maven}, {@code gradle},
 * {@code golang}, {@code rust}, {@code gcc}, .NET {@code sdk}, JDK images), or the full variant of
 * {@code node}, {@code python} or {@code ruby}, which is {@code buildpack-deps} (compilers, headers,
 * VCS tools) with the runtime on top, with the slim or alpine variant as the fix.
 */
public final class SdkBaseImageRule extends Rule.Base<BuildInput, DockerfileSettings> {

  public SdkBaseImageRule() {
    super(METADATA);
  }

  public static final RuleMetadata METADATA = new RuleMetadata(
      "DF002",
      "Final stage is based on a build (SDK) image",
      Severity.HIGH,
      "dockerfile",
      "An SDK base image is several times the size of the matching runtime and ships compilers and build tools "
          + "an attacker can use; every node pulls it for every pod.",
      "Base the final stage on the runtime image (for example eclipse-temurin:21-jre, "
          + "mcr.microsoft.com/dotnet/aspnet, gcr.io/distroless/static, node:22-slim).");

  @Override
  public List<Finding> check(BuildInput input, DockerfileSettings settings) {
    Dockerfile d = input.dockerfile();
    Stage fin = input.finalStage();
    Stage root = d.root(fin);
    ImageReference image = root.image();
    if (image == null) {
      return List.of();
    }
    BaseImages.Kind kind = BaseImages.kind(image, settings.sdkImages());
    String via = root == fin ? "" : " (through " + BuildInput.describe(root) + ", which it is built FROM)";
    return switch (kind) {
      case SDK -> List.of(finding()
          .resource(input.resource(fin))
          .message("the final " + BuildInput.describe(fin) + " is based on the build image " + image.text() + via
              + ": compilers and SDK ship in the image")
          .location(Location.at(d.path(), root.line()))
          .key(image.fullName())
          .detail("image", image.text())
          .build());
      case FULL_RUNTIME -> List.of(finding()
          .resource(input.resource(fin))
          .message("the final " + BuildInput.describe(fin) + " is based on " + image.text() + via
              + ", the full variant: buildpack-deps with compilers and headers ship in the image")
          .location(Location.at(d.path(), root.line()))
          .fix("Use the slim or alpine variant of " + image.name() + " for the final stage (for example "
              + image.name() + ":<version>-slim), and build native modules in an earlier stage.")
          .key(image.fullName())
          .detail("image", image.text())
          .build());
      case OTHER -> List.of();
    };
  }
}
