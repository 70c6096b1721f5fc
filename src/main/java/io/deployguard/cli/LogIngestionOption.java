package io.deployguard.cli;

import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Limits;
import io.deployguard.terraform.LogSettings;
import picocli.CommandLine.Option;

/** {@code --log-ingestion-estimate}: the log volume the cost note is computed for, on every command that reads plans. */
final class LogIngestionOption {
  @Option(names = "--log-ingestion-estimate", paramLabel = "GB_PER_DAY",
      description = "Expected CloudWatch Logs ingestion; the report then shows what it costs a month (default: logs.ingestion_gb_per_day).")
  Double gbPerDay;

  /**
   * The estimate given, or {@code null} for the configuration's.
   *
   * @throws ConfigException when it is outside what {@code logs.ingestion_gb_per_day} accepts
   *     (negative, {@code Infinity}, 1e9 or more)
   */
  Double checked() {
    if (gbPerDay != null && !(gbPerDay >= 0 && gbPerDay < LogSettings.MAX)) {
      throw new ConfigException("--log-ingestion-estimate " + Limits.Check.text(gbPerDay)
          + ": give GB a day, 0 or more and below " + Limits.Check.text(LogSettings.MAX)
          + " (as logs.ingestion_gb_per_day)");
    }
    return gbPerDay;
  }
}
