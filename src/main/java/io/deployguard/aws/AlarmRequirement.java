package io.deployguard.aws;

import io.deployguard.policy.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One CloudWatch alarm that must exist: what it watches, how tight it must be, and how to create
 * it when missing. Built from {@code deployguard.yml} by {@link #fromSettings}, or by callers with
 * their own requirements (for example alarms derived from a plan).
 *
 * @param id short stable id ({@code eks-node-disk-prod}); the finding key and the created alarm's
 *     name suffix
 * @param description what the alarm is for, one line
 * @param region where the alarm must live, or {@code null} for the region of the run
 * @param namespace metric namespace, or {@code null} for a query requirement
 * @param metric metric name, or {@code null} for a query requirement
 * @param dimensions exact dimensions
 * @param query Metrics Insights query, or {@code null} for a metric requirement
 * @param statistic required statistic, or {@code null} for any
 * @param bound direction, threshold bound and the operator used when creating
 * @param actionsRequired whether the alarm must notify someone
 * @param period period in seconds of a created alarm
 * @param evaluationPeriods evaluation periods of a created alarm
 */
public record AlarmRequirement(
    String id,
    String description,
    String region,
    String namespace,
    String metric,
    Map<String, String> dimensions,
    String query,
    String statistic,
    Bound bound,
    boolean actionsRequired,
    int period,
    int evaluationPeriods) {

  public AlarmRequirement {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(bound, "bound");
    dimensions = Map.copyOf(dimensions);
    if ((query == null) == (namespace == null || metric == null)) {
      throw new IllegalArgumentException("alarm requirement " + id + " needs either namespace and metric, or a query");
    }
  }

  /** The name {@code --create-missing} gives the alarm. */
  public String alarmName() {
    return "deployguard-" + id;
  }

  /** What the alarm watches, for messages: {@code ContainerInsights/node_filesystem_utilization {ClusterName=prod}}. */
  public String watches() {
    return query != null ? "query '" + query + "'" : namespace + "/" + metric + (dimensions.isEmpty() ? "" : " " + new java.util.TreeMap<>(dimensions));
  }

  /**
   * Which way the alarm fires and how far the threshold may be set.
   *
   * @param above whether the alarm fires when the metric rises (else when it falls)
   * @param threshold the bound: not higher (above) or not lower (below)
   * @param operator the comparison operator a created alarm uses
   */
  public record Bound(boolean above, double threshold, String operator) {
    static final Set<String> ABOVE = Set.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold");
    static final Set<String> BELOW = Set.of("LessThanOrEqualToThreshold", "LessThanThreshold");

    /** A bound without a threshold yet (for validating configuration). */
    static Bound of(String operator) {
      return of(operator, 0);
    }

    public static Bound of(String operator, double threshold) {
      if (ABOVE.contains(operator)) {
        return new Bound(true, threshold, operator);
      }
      if (BELOW.contains(operator)) {
        return new Bound(false, threshold, operator);
      }
      throw new IllegalArgumentException("comparison '" + operator + "' is not one of GreaterThanOrEqualToThreshold,"
          + " GreaterThanThreshold, LessThanOrEqualToThreshold, LessThanThreshold");
    }

    /** Why an alarm with this operator and threshold is looser than the bound, or {@code null}. */
    String looser(String alarmOperator, Double alarmThreshold) {
      Set<String> same = above ? ABOVE : BELOW;
      if (alarmOperator == null || !same.contains(alarmOperator)) {
        return "comparison " + alarmOperator + " does not fire when the metric " + (above ? "rises" : "falls")
            + " (use " + operator + ")";
      }
      if (alarmThreshold == null) {
        return "the alarm has no static threshold (required: " + (above ? "at most " : "at least ") + fmt(threshold) + ")";
      }
      if (above ? alarmThreshold > threshold : alarmThreshold < threshold) {
        return "threshold " + fmt(alarmThreshold) + " is " + (above ? "above" : "below") + " the required "
            + (above ? "maximum " : "minimum ") + fmt(threshold);
      }
      return null;
    }

    static String fmt(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
  }

  /** The templates and written-out requirements of {@code alarms:} in {@code deployguard.yml}. */
  public static List<AlarmRequirement> fromSettings(AlarmSettings s) {
    List<AlarmRequirement> out = new ArrayList<>();
    for (String cluster : s.eksNodeDisk().clusters()) {
      out.add(nodeDisk(cluster, s.eksNodeDisk().threshold(), s.region()));
    }
    if (s.logsIngestion().enabled()) {
      out.add(logsIngestion(s.logsIngestion().maxBytesPerHour(), s.region()));
    }
    if (s.estimatedCharges().maxUsd() != null) {
      out.add(estimatedCharges(s.estimatedCharges().maxUsd()));
    }
    for (AlarmSettings.Required r : s.required()) {
      out.add(new AlarmRequirement(slug(r.name()), "required by deployguard.yml: " + r.name(),
          r.region() != null ? r.region() : s.region(), r.namespace(), r.metric(), r.dimensions(), r.query(),
          r.statistic(), Bound.of(r.comparison(), r.threshold()), r.actionsRequired(), r.period(),
          r.evaluationPeriods()));
    }
    return out;
  }

  /**
   * Ingestion of one log group: Sum of {@code IncomingBytes} per hour for {@code LogGroupName}, at
   * or below {@code maxPerHour}. A retry loop that logs every attempt shows here first.
   */
  public static AlarmRequirement logGroupIngestion(String logGroupName, ByteSize maxPerHour, String region) {
    return new AlarmRequirement("logs-ingestion-" + slug(logGroupName),
        "ingestion of log group " + logGroupName + " per hour (a runaway log loop)", region,
        "AWS/Logs", "IncomingBytes", Map.of("LogGroupName", logGroupName), null, "Sum",
        Bound.of("GreaterThanOrEqualToThreshold", maxPerHour.bytes()), true, 3600, 1);
  }

  /** EKS node disk of one cluster: Maximum of {@code node_filesystem_utilization} at or below {@code threshold} percent. */
  public static AlarmRequirement nodeDisk(String cluster, double threshold, String region) {
    return new AlarmRequirement("eks-node-disk-" + slug(cluster),
        "node disk utilization of EKS cluster " + cluster + " (images and logs filling node disks)", region,
        "ContainerInsights", "node_filesystem_utilization", Map.of("ClusterName", cluster), null, "Maximum",
        Bound.of("GreaterThanOrEqualToThreshold", threshold), true, 300, 1);
  }

  /** Account-wide CloudWatch Logs ingestion per hour. */
  public static AlarmRequirement logsIngestion(ByteSize maxPerHour, String region) {
    return new AlarmRequirement("logs-ingestion", "CloudWatch Logs ingestion per hour (the log bill)", region,
        "AWS/Logs", "IncomingBytes", Map.of(), null, "Sum",
        Bound.of("GreaterThanOrEqualToThreshold", maxPerHour.bytes()), true, 3600, 1);
  }

  /** Estimated charges in USD; billing metrics exist only in us-east-1. */
  public static AlarmRequirement estimatedCharges(double maxUsd) {
    return new AlarmRequirement("estimated-charges", "estimated charges of the account in USD", "us-east-1",
        "AWS/Billing", "EstimatedCharges", Map.of("Currency", "USD"), null, "Maximum",
        Bound.of("GreaterThanOrEqualToThreshold", maxUsd), true, 21600, 1);
  }

  static String slug(String s) {
    String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-");
    return out.isEmpty() ? "alarm" : out;
  }
}
