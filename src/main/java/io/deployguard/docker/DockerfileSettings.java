package io.deployguard.docker;

/**
 * The {@code dockerfile:} section of {@code deployguard.yml}. Missing keys take their defaults; unknown
 * keys are configuration errors.
 */
public record DockerfileSettings() {
  public static final DockerfileSettings DEFAULT = new DockerfileSettings();
}
