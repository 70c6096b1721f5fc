package io.deployguard.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.deployguard.policy.Limits;
import io.deployguard.policy.SettingException;
import io.deployguard.policy.Unset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code dockerfile:} section of {@code deployguard.yml}. Missing keys take their defaults; unknown
 * keys are configuration errors.
 *
 * @param allowRoot {@code true} accepts a final stage that runs as root (turns DF006 off);
 *     default {@code false}
 * @param requireDigest {@code true} makes DF005 report a base image pinned by tag only, not just
 *     one without a tag or on {@code latest}; default {@code false}
 * @param buildArgs values of build arguments as the pipeline passes them with
 *     {@code --build-arg}; they override {@code ARG} defaults when {@code FROM} lines are resolved
 * @param toolchainCommands command names DF001 treats as build toolchains besides the built-in
 *     ones (for example {@code bazel-wrapper}, {@code ./build.sh})
 * @param sdkImages glob patterns over image names (registry and repository, no tag) that DF002
 *     treats as build images besides the built-in ones (for example
 *     {@code registry.example.com/ci/*})
 * @param maxStages the most build stages a Dockerfile may have before it is rejected as input;
 *     default {@value #DEFAULT_MAX_STAGES}
 */
public record DockerfileSettings(
    @JsonProperty("allow_root") Boolean allowRoot,
    @JsonProperty("require_digest") Boolean requireDigest,
    @JsonProperty("build_args") Map<String, String> buildArgs,
    @JsonProperty("toolchain_commands") List<String> toolchainCommands,
    @JsonProperty("sdk_images") List<String> sdkImages,
    @JsonProperty("max_stages") @Limits(min = 1) Integer maxStages) {

  /** Far more stages than any real build has, few enough to read in well under a second. */
  public static final int DEFAULT_MAX_STAGES = 1000;

  public static final DockerfileSettings DEFAULT = new DockerfileSettings(null, null, null, null, null, null);

  private static final Pattern ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public DockerfileSettings {
    allowRoot = allowRoot != null && allowRoot;
    requireDigest = requireDigest != null && requireDigest;
    buildArgs = Unset.map(buildArgs);
    toolchainCommands = Unset.list(toolchainCommands);
    sdkImages = Unset.list(sdkImages);
    maxStages = maxStages == null ? DEFAULT_MAX_STAGES : maxStages;
    for (String name : buildArgs.keySet()) {
      if (!ARG_NAME.matcher(name).matches()) {
        throw new SettingException("build_args", "'" + name + "' is not a build argument name");
      }
    }
    for (String c : toolchainCommands) {
      if (c.isBlank()) {
        throw new SettingException("toolchain_commands", "a command name cannot be empty");
      }
    }
    for (String p : sdkImages) {
      if (p.isBlank()) {
        throw new SettingException("sdk_images", "a pattern cannot be empty");
      }
    }
  }
}
