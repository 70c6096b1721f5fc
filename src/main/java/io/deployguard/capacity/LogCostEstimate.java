package io.deployguard.capacity;

import io.deployguard.policy.ScanResult;
import java.util.List;
import java.util.Locale;

/**
 * What a log volume costs in CloudWatch Logs, so that a reviewer sees what a runaway log loop
 * would cost before it happens. Storage is priced on the ingested volume, which overstates it
 * by CloudWatch's compression: an upper bound, as an estimate for a review should be.
 *
 * @param gbPerDay ingested gigabytes a day
 * @param pricePerGbIngested price of ingesting one GB
 * @param pricePerGbMonthStored price of storing one GB for a month
 */
public record LogCostEstimate(double gbPerDay, double pricePerGbIngested, double pricePerGbMonthStored) {

  /** Days in a billing month, as AWS's own calculator counts them. */
  static final double DAYS_PER_MONTH = 30.4;

  public LogCostEstimate {
    if (!(gbPerDay >= 0) || !(pricePerGbIngested >= 0) || !(pricePerGbMonthStored >= 0)) {
      throw new IllegalArgumentException("log volume and prices must be zero or more");
    }
  }

  public double ingestionPerMonth() {
    return gbPerDay * DAYS_PER_MONTH * pricePerGbIngested;
  }

  /** Storage billed in month {@code n} (1-based) when nothing ever expires. */
  public double storageInMonthWithoutRetention(int n) {
    return gbPerDay * DAYS_PER_MONTH * n * pricePerGbMonthStored;
  }

  /** Storage billed each month once a retention of {@code days} is reached. */
  public double storagePerMonthWithRetention(int days) {
    return gbPerDay * days * pricePerGbMonthStored;
  }

  /**
   * A note naming the log groups that never expire and what their volume costs.
   *
   * @param neverExpiring addresses of log groups without {@code retention_in_days}
   */
  public ScanResult.Note note(List<String> neverExpiring) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "At %s GB/day: ingestion %s/month (%s/day).",
        number(gbPerDay), money(ingestionPerMonth()), money(gbPerDay * pricePerGbIngested)));
    if (neverExpiring.isEmpty()) {
      sb.append(String.format(Locale.ROOT, " With 30-day retention, storage levels off at %s/month.",
          money(storagePerMonthWithRetention(30))));
    } else {
      sb.append(String.format(Locale.ROOT,
          " %d log group(s) never expire (%s): stored logs grow by %s GB a month, and storage costs %s in the"
              + " first month, %s/month after a year, and keeps growing; with 30-day retention it would level off"
              + " at %s/month.",
          neverExpiring.size(), String.join(", ", neverExpiring), number(gbPerDay * DAYS_PER_MONTH),
          money(storageInMonthWithoutRetention(1)), money(storageInMonthWithoutRetention(12)),
          money(storagePerMonthWithRetention(30))));
    }
    sb.append(String.format(Locale.ROOT, " Prices: %s per GB ingested, %s per GB-month stored.",
        money(pricePerGbIngested), money(pricePerGbMonthStored)));
    return new ScanResult.Note("CloudWatch Logs cost estimate", sb.toString());
  }

  private static String money(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "$%,.0f", v) : String.format(Locale.ROOT, "$%,.2f", v);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.1f", v);
  }
}
