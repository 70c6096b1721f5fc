package io.deployguard.aws;

/**
 * The {@code alarms:} section of {@code deployguard.yml}. Missing keys take their defaults; unknown
 * keys are configuration errors.
 */
public record AlarmSettings() {
  public static final AlarmSettings DEFAULT = new AlarmSettings();
}
