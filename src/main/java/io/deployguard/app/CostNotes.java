package io.deployguard.app;

import io.deployguard.capacity.LogCostEstimate;
import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanResult;
import io.deployguard.terraform.LogSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Puts a price on what a run found, as notes beside the findings. */
public final class CostNotes {
  private CostNotes() {}

  /**
   * Adds the CloudWatch Logs cost estimate when a log volume is known (from the command line, else
   * {@code logs.ingestion_gb_per_day}), naming the log groups that LOG001 found never expire.
   */
  public static ScanResult withLogCost(ScanResult result, LogSettings logs, Double gbPerDayOverride) {
    Double gbPerDay = gbPerDayOverride != null ? gbPerDayOverride : logs.ingestionGbPerDay();
    if (gbPerDay == null) {
      return result;
    }
    Set<String> resources = new LinkedHashSet<>();
    for (Finding f : result.findings()) {
      if (!f.suppressed() && f.ruleId().equals("LOG001")) {
        resources.add(f.resource());
      }
    }
    List<String> neverExpiring = List.copyOf(resources);
    LogCostEstimate estimate = new LogCostEstimate(gbPerDay, logs.pricePerGbIngested(), logs.pricePerGbMonthStored());
    return result.withNote(estimate.note(neverExpiring));
  }
}
