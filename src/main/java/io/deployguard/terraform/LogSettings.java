package io.deployguard.terraform;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.deployguard.policy.Limits;

/**
 * The {@code logs:} section of {@code deployguard.yml}: what log volume to expect, so reports can
 * put a price on a log group that never expires. Missing keys take their defaults; unknown keys
 * are configuration errors.
 *
 * @param ingestionGbPerDay expected CloudWatch Logs ingestion in GB a day; when set (or given as
 *     {@code --log-ingestion-estimate}) reports show the monthly cost; default none
 * @param pricePerGbIngested price of ingesting one GB, default 0.50 (USD, us-east-1 standard)
 * @param pricePerGbMonthStored price of storing one GB for a month, default 0.03
 */
public record LogSettings(
    @JsonProperty("ingestion_gb_per_day") @Limits(min = 0, max = MAX, maxExclusive = true) Double ingestionGbPerDay,
    @JsonProperty("price_per_gb_ingested") @Limits(min = 0, max = MAX, maxExclusive = true) Double pricePerGbIngested,
    @JsonProperty("price_per_gb_month_stored") @Limits(min = 0, max = MAX, maxExclusive = true)
        Double pricePerGbMonthStored) {

  /** Volumes and prices stay below this: a larger number is a typo, and it would overflow a report's sums. */
  public static final double MAX = 1e9;
  public static final LogSettings DEFAULT = new LogSettings(null, null, null);

  public LogSettings {
    pricePerGbIngested = pricePerGbIngested == null ? 0.50 : pricePerGbIngested;
    pricePerGbMonthStored = pricePerGbMonthStored == null ? 0.03 : pricePerGbMonthStored;
  }
}
