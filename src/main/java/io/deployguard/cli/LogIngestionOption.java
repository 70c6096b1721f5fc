package io.deployguard.cli;

import io.deployguard.policy.ConfigException;
import picocli.CommandLine.Option;

/** {@code --log-ingestion-estimate}: the log volume the cost note is computed for, on every command that reads plans. */
final class LogIngestionOption {
  @Option(names = "--log-ingestion-estimate", paramLabel = "GB_PER_DAY",
      description = "Expected CloudWatch Logs ingestion; the report then shows what it costs a month (default: logs.ingestion_gb_per_day).")
  Double gbPerDay;

  /**
   * The estimate given, or {@code null} for the configuration's.
   *
   * @throws ConfigException when it is negative
   */
  Double checked() {
    if (gbPerDay != null && !(gbPerDay >= 0)) {
      throw new ConfigException("--log-ingestion-estimate: give GB a day, 0 or more");
    }
    return gbPerDay;
  }
}
