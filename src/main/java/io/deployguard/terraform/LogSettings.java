package io.deployguard.terraform;

/**
 * The {@code logs:} section of {@code deployguard.yml}. Missing keys take their defaults; unknown
 * keys are configuration errors.
 */
public record LogSettings() {
  public static final LogSettings DEFAULT = new LogSettings();
}
