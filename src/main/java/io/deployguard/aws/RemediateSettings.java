package io.deployguard.aws;

/**
 * The {@code remediate:} section of {@code deployguard.yml}. Missing keys take their defaults; unknown
 * keys are configuration errors.
 */
public record RemediateSettings() {
  public static final RemediateSettings DEFAULT = new RemediateSettings();
}
