package io.deployguard.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogCostEstimateTest {

  @Test
  void theIncidentsLogVolumeCostsWhatTheBillSaid() {
    // 1,600 GB/day at $0.50/GB is $800/day: the $700-900 a day of the incident.
    LogCostEstimate e = new LogCostEstimate(1600, 0.50, 0.03);

    assertThat(e.ingestionPerMonth()).isEqualTo(1600 * 30.4 * 0.50);
    assertThat(e.note(List.of()).text()).contains("At 1,600 GB/day: ingestion $24,320/month ($800/day).");
  }

  @Test
  void neverExpiringGroupsShowStorageThatKeepsGrowing() {
    LogCostEstimate e = new LogCostEstimate(10, 0.50, 0.03);

    assertThat(e.storageInMonthWithoutRetention(12)).isEqualTo(12 * e.storageInMonthWithoutRetention(1));
    assertThat(e.note(List.of("aws_cloudwatch_log_group.app")).text())
        .contains("1 log group(s) never expire (aws_cloudwatch_log_group.app)", "grow by 304 GB a month",
            "$9.12 in the first month", "$109/month after a year", "level off at $9.00/month");
  }

  @Test
  void negativeVolumes_areRejected() {
    assertThatThrownBy(() -> new LogCostEstimate(-1, 0.5, 0.03)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogCostEstimate(Double.NaN, 0.5, 0.03)).isInstanceOf(IllegalArgumentException.class);
  }
}
