package io.deployguard.terraform;

/**
 * The {@code eks:} section of {@code deployguard.yml}. Missing keys take their defaults; unknown
 * keys are configuration errors.
 */
public record EksSettings() {
  public static final EksSettings DEFAULT = new EksSettings();
}
