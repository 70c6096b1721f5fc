package io.deployguard.aws;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * One metric alarm as {@code DescribeAlarms} returned it, kept to what the alarm rules read: what
 * it watches, how it compares, whom it notifies and its state. A value, so that a snapshot of an
 * account's alarms can be written down as a fixture and judged without CloudWatch.
 *
 * @param name the alarm's name
 * @param namespace namespace of a single-metric alarm, or {@code null}
 * @param metric metric name of a single-metric alarm, or {@code null}
 * @param dimensions dimensions of a single-metric alarm
 * @param queries the metric-math and Metrics Insights queries of a multi-metric alarm
 * @param comparisonOperator e.g. {@code GreaterThanThreshold}, or {@code null}
 * @param threshold the static threshold, or {@code null} (anomaly detection)
 * @param statistic the statistic, or {@code null}
 * @param extendedStatistic the percentile statistic, or {@code null}
 * @param actionsEnabled whether actions are enabled ({@code null}: not said)
 * @param actions the alarm actions' ARNs
 * @param state {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}
 * @param stateUpdated when the state last changed, or {@code null}
 */
public record LiveAlarm(
    String name,
    String namespace,
    String metric,
    Map<String, String> dimensions,
    List<Query> queries,
    String comparisonOperator,
    Double threshold,
    String statistic,
    String extendedStatistic,
    Boolean actionsEnabled,
    List<String> actions,
    String state,
    Instant stateUpdated) {

  public LiveAlarm {
    Objects.requireNonNull(name, "name");
    dimensions = dimensions == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(dimensions));
    queries = queries == null ? List.of() : List.copyOf(queries);
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  /**
   * One query of a multi-metric alarm.
   *
   * @param expression its expression, or {@code null}
   * @param stat the metric it reads, or {@code null} for an expression
   */
  public record Query(String expression, MetricStat stat) {}

  /** The metric a query reads and the statistic it takes. */
  public record MetricStat(String namespace, String metric, Map<String, String> dimensions, String stat) {
    public MetricStat {
      dimensions = dimensions == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(dimensions));
    }
  }

  /** The alarm as CloudWatch describes it. */
  static LiveAlarm of(MetricAlarm a) {
    List<Query> queries = !a.hasMetrics() ? List.of() : a.metrics().stream().map(LiveAlarm::query).toList();
    return new LiveAlarm(a.alarmName(), a.namespace(), a.metricName(), dims(a.dimensions()), queries,
        a.comparisonOperatorAsString(), a.threshold(), a.statisticAsString(), a.extendedStatistic(),
        a.actionsEnabled(), a.hasAlarmActions() ? a.alarmActions() : List.of(), a.stateValueAsString(),
        a.stateUpdatedTimestamp());
  }

  private static Query query(MetricDataQuery q) {
    if (q.metricStat() == null) {
      return new Query(q.expression(), null);
    }
    var m = q.metricStat().metric();
    return new Query(q.expression(), new MetricStat(m.namespace(), m.metricName(), dims(m.dimensions()),
        q.metricStat().stat()));
  }

  private static Map<String, String> dims(List<Dimension> ds) {
    Map<String, String> m = new HashMap<>();
    if (ds != null) {
      ds.forEach(d -> m.put(d.name(), d.value()));
    }
    return m;
  }

  /** Whether this alarm watches what {@code req} requires: the same query, or the same metric and dimensions. */
  public boolean watches(AlarmRequirement req) {
    if (req.query() != null) {
      return queries.stream()
          .anyMatch(q -> q.expression() != null && normalise(q.expression()).equals(normalise(req.query())));
    }
    if (req.namespace().equals(namespace) && req.metric().equals(metric) && dimensions.equals(req.dimensions())) {
      return true;
    }
    return queries.stream().anyMatch(q -> q.stat() != null
        && req.namespace().equals(q.stat().namespace())
        && req.metric().equals(q.stat().metric())
        && q.stat().dimensions().equals(req.dimensions()));
  }

  /** The statistic the alarm takes of {@code req}'s metric, or {@code null}. */
  String statisticOf(AlarmRequirement req) {
    if (statistic != null) {
      return statistic;
    }
    if (extendedStatistic != null) {
      return extendedStatistic;
    }
    for (Query q : queries) {
      if (q.stat() != null && Objects.equals(req.metric(), q.stat().metric())) {
        return q.stat().stat();
      }
    }
    return null;
  }

  /** The SNS topics it notifies, in order; none when its actions are disabled or empty. */
  List<String> snsTopics() {
    if (Boolean.FALSE.equals(actionsEnabled)) {
      return List.of();
    }
    return actions.stream()
        .filter(arn -> arn.startsWith("arn:") && arn.split(":", 6).length == 6 && arn.split(":", 6)[2].equals("sns"))
        .toList();
  }

  private static String normalise(String q) {
    return q.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
