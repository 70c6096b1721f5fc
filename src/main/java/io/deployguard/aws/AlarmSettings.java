package io.deployguard.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.deployguard.policy.ByteSize;
import io.deployguard.policy.Limits;
import io.deployguard.policy.Unset;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code alarms:} section of {@code deployguard.yml}: which CloudWatch alarms must exist.
 * Missing keys take their defaults; unknown keys are configuration errors.
 *
 * @param region region of the alarms (templates that live elsewhere, like billing in us-east-1,
 *     say so); {@code null} means the region of the run
 * @param insufficientDataMax how long a required alarm may sit in INSUFFICIENT_DATA (ALARM004),
 *     default {@code 24h}
 * @param actions alarm actions (SNS topic ARNs) for alarms created by {@code --create-missing}
 * @param eksNodeDisk the EKS node-disk template
 * @param logsIngestion the CloudWatch Logs ingestion template (on by default)
 * @param estimatedCharges the estimated-charges template (on when {@code max_usd} is set)
 * @param required further alarms, written out
 */
public record AlarmSettings(
    @JsonProperty("region") String region,
    @JsonProperty("insufficient_data_max") @JsonDeserialize(converter = DurationText.AsText.class) String insufficientDataMax,
    @JsonProperty("actions") List<String> actions,
    @JsonProperty("eks_node_disk") NodeDisk eksNodeDisk,
    @JsonProperty("logs_ingestion") LogsIngestion logsIngestion,
    @JsonProperty("estimated_charges") EstimatedCharges estimatedCharges,
    @JsonProperty("required") List<Required> required) {

  public static final AlarmSettings DEFAULT = new AlarmSettings(null, null, null, null, null, null, null);

  public AlarmSettings {
    insufficientDataMax = insufficientDataMax == null ? "24h" : insufficientDataMax;
    DurationText.parse(insufficientDataMax);
    actions = Unset.list(actions);
    eksNodeDisk = eksNodeDisk == null ? new NodeDisk(null, null) : eksNodeDisk;
    logsIngestion = logsIngestion == null ? new LogsIngestion(null, null) : logsIngestion;
    estimatedCharges = estimatedCharges == null ? new EstimatedCharges(null) : estimatedCharges;
    required = Unset.list(required);
  }

  public Duration insufficientData() {
    return DurationText.parse(insufficientDataMax);
  }

  /**
   * Node disk utilization per EKS cluster ({@code ContainerInsights} / {@code
   * node_filesystem_utilization}, Maximum over 5 minutes).
   *
   * @param clusters cluster names; none means the template is off
   * @param threshold highest allowed alarm threshold in percent, default 80
   */
  public record NodeDisk(
      @JsonProperty("clusters") List<String> clusters,
      @JsonProperty("threshold") @Limits(min = 0, minExclusive = true, max = 100) Double threshold) {
    public NodeDisk {
      clusters = Unset.list(clusters);
      threshold = threshold == null ? 80.0 : threshold;
    }
  }

  /**
   * Account-wide log ingestion ({@code AWS/Logs} / {@code IncomingBytes}, Sum per hour).
   *
   * @param enabled default true
   * @param maxBytesPerHour highest allowed alarm threshold, default 10GiB
   */
  public record LogsIngestion(
      @JsonProperty("enabled") Boolean enabled, @JsonProperty("max_bytes_per_hour") ByteSize maxBytesPerHour) {
    public LogsIngestion {
      enabled = enabled == null || enabled;
      maxBytesPerHour = maxBytesPerHour == null ? ByteSize.ofGiB(10) : maxBytesPerHour;
    }
  }

  /**
   * Estimated charges ({@code AWS/Billing} / {@code EstimatedCharges}, USD, us-east-1).
   *
   * @param maxUsd highest allowed alarm threshold in US dollars; {@code null} turns the template off
   */
  public record EstimatedCharges(@JsonProperty("max_usd") @Limits(min = 0, minExclusive = true) Double maxUsd) {}

  /**
   * One required alarm, written out: a metric ({@code namespace}, {@code metric}, {@code
   * dimensions}) or a Metrics Insights {@code query}.
   *
   * @param name short id used in findings and as the created alarm's name suffix
   * @param namespace CloudWatch namespace
   * @param metric metric name
   * @param dimensions exact dimensions the alarm must watch
   * @param query a Metrics Insights query instead of a metric
   * @param statistic required statistic (e.g. {@code Maximum}), or {@code null} for any
   * @param comparison {@code GreaterThanOrEqualToThreshold}, {@code GreaterThanThreshold}, {@code
   *     LessThanOrEqualToThreshold} or {@code LessThanThreshold}
   * @param threshold the bound: an alarm firing above must not be set higher, one firing below
   *     not lower
   * @param actionsRequired whether the alarm must notify someone (ALARM002), default true
   * @param region where the alarm lives, default the section's region
   * @param period period in seconds for a created alarm, default 300
   * @param evaluationPeriods evaluation periods for a created alarm, default 1
   */
  public record Required(
      @JsonProperty("name") String name,
      @JsonProperty("namespace") String namespace,
      @JsonProperty("metric") String metric,
      @JsonProperty("dimensions") Map<String, String> dimensions,
      @JsonProperty("query") String query,
      @JsonProperty("statistic") String statistic,
      @JsonProperty("comparison") String comparison,
      @JsonProperty("threshold") Double threshold,
      @JsonProperty("actions_required") Boolean actionsRequired,
      @JsonProperty("region") String region,
      @JsonProperty("period") @Limits(min = 1) Integer period,
      @JsonProperty("evaluation_periods") @Limits(min = 1) Integer evaluationPeriods) {
    public Required {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a required alarm needs a name");
      }
      dimensions = Unset.map(dimensions);
      if ((query == null) == (namespace == null || metric == null)) {
        throw new IllegalArgumentException("required alarm '" + name + "' needs either namespace and metric, or query");
      }
      if (threshold == null) {
        throw new IllegalArgumentException("required alarm '" + name + "' needs a threshold");
      }
      comparison = comparison == null ? "GreaterThanOrEqualToThreshold" : comparison;
      AlarmRequirement.Bound.of(comparison);
      actionsRequired = actionsRequired == null || actionsRequired;
      period = period == null ? 300 : period;
      evaluationPeriods = evaluationPeriods == null ? 1 : evaluationPeriods;
    }
  }
}
