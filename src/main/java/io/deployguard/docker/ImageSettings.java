package io.deployguard.docker;

/**
 * The {@code image:} section of {@code deployguard.yml}. Missing keys take their defaults; unknown
 * keys are configuration errors.
 */
public record ImageSettings() {
  public static final ImageSettings DEFAULT = new ImageSettings();
}
