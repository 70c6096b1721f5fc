package io.deployguard.aws;

import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Checks that required CloudWatch alarms exist and would wake someone: ALARM001 missing, ALARM002
 * actions disabled, empty or pointing at an SNS topic that does not exist, ALARM003 looser than
 * required, ALARM004 in INSUFFICIENT_DATA for longer than allowed. Reads every metric alarm of
 * each region once ({@code DescribeAlarms}, paginated, {@code AlarmTypes=MetricAlarm}: composite
 * alarms watch no metric of their own) and checks each SNS action with {@code
 * GetTopicAttributes}. {@link #createMissing} writes the missing ones with {@code PutMetricAlarm}.
 */
public final class AlarmChecker {

  /** The outcome: findings (unsuppressed, at default severities) and the requirements with no alarm. */
  public record Report(List<Finding> findings, List<AlarmRequirement> missing, int alarmsRead) {
    public Report {
      findings = List.copyOf(findings);
      missing = List.copyOf(missing);
    }
  }

  private final Function<String, CloudWatchClient> cloudWatch;
  private final Function<String, SnsClient> sns;
  private final Instant now;
  private final Map<String, List<MetricAlarm>> alarmsByRegion = new HashMap<>();
  private final Map<String, Boolean> topicExists = new HashMap<>();

  /**
   * @param cloudWatch a client per region
   * @param sns a client per region (topics are checked in their own region)
   * @param now the time INSUFFICIENT_DATA durations are measured to
   */
  public AlarmChecker(Function<String, CloudWatchClient> cloudWatch, Function<String, SnsClient> sns, Instant now) {
    this.cloudWatch = cloudWatch;
    this.sns = sns;
    this.now = now;
  }

  /**
   * @param requirements the alarms that must exist
   * @param insufficientDataMax how long an alarm may sit in INSUFFICIENT_DATA
   * @param defaultRegion region of requirements that do not name one
   * @throws InputException when CloudWatch or SNS cannot be read
   */
  public Report check(List<AlarmRequirement> requirements, Duration insufficientDataMax, String defaultRegion) {
    List<Finding> findings = new ArrayList<>();
    List<AlarmRequirement> missing = new ArrayList<>();
    for (AlarmRequirement req : requirements) {
      String region = region(req, defaultRegion);
      List<MetricAlarm> candidates = alarms(region).stream().filter(a -> watches(a, req)).toList();
      if (candidates.isEmpty()) {
        missing.add(req);
        findings.add(finding(AwsRules.ALARM001, req, region, req.alarmName(),
            "no alarm watches " + req.watches() + " (" + req.description() + ")"));
        continue;
      }
      List<Finding> best = null;
      for (MetricAlarm a : candidates) {
        List<Finding> problems = problems(a, req, region, insufficientDataMax);
        if (best == null || problems.size() < best.size()) {
          best = problems;
        }
      }
      findings.addAll(best);
    }
    int read = alarmsByRegion.values().stream().mapToInt(List::size).sum();
    return new Report(findings, missing, read);
  }

  /**
   * Creates the missing alarms from their requirements, or says what it would create.
   *
   * @return one line per alarm: created, or would be created
   */
  public List<String> createMissing(Report report, List<String> actions, boolean apply, String defaultRegion) {
    List<String> notes = new ArrayList<>();
    for (AlarmRequirement req : report.missing()) {
      String region = region(req, defaultRegion);
      String what = req.alarmName() + " in " + region + " on " + req.watches() + " " + req.bound().operator() + " "
          + AlarmRequirement.Bound.fmt(req.bound().threshold())
          + (actions.isEmpty() ? " (no actions configured: set alarms.actions, or it will notify nobody)" : "");
      if (!apply) {
        notes.add("would create " + what);
        continue;
      }
      try {
        cloudWatch.apply(region).putMetricAlarm(p -> {
          p.alarmName(req.alarmName()).alarmDescription("Required by deployguard: " + req.description())
              .comparisonOperator(req.bound().operator()).threshold(req.bound().threshold())
              .evaluationPeriods(req.evaluationPeriods()).actionsEnabled(true).alarmActions(actions)
              .treatMissingData("missing");
          if (req.query() != null) {
            p.metrics(MetricDataQuery.builder().id("q1").expression(req.query()).period(req.period())
                .returnData(true).build());
          } else {
            p.namespace(req.namespace()).metricName(req.metric()).period(req.period())
                .statistic(req.statistic() == null ? "Maximum" : req.statistic())
                .dimensions(req.dimensions().entrySet().stream()
                    .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList());
          }
        });
      } catch (SdkException e) {
        throw failure(region, "PutMetricAlarm", e, "cloudwatch:PutMetricAlarm");
      }
      notes.add("created " + what);
    }
    return notes;
  }

  private static String region(AlarmRequirement req, String defaultRegion) {
    return req.region() != null ? req.region() : defaultRegion;
  }

  private List<MetricAlarm> alarms(String region) {
    return alarmsByRegion.computeIfAbsent(region, r -> {
      try {
        List<MetricAlarm> all = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        String token = null;
        do {
          String page = token;
          var resp = cloudWatch.apply(r).describeAlarms(d -> d.alarmTypes(AlarmType.METRIC_ALARM).maxRecords(100)
              .nextToken(page));
          all.addAll(resp.metricAlarms());
          token = resp.nextToken() == null || resp.nextToken().isEmpty() ? null : resp.nextToken();
          if (token != null && !seen.add(token)) {
            throw new InputException("cloudwatch://" + r, "DescribeAlarms", "CloudWatch answered the same NextToken"
                + " twice; stopped reading instead of looping", "run again; if it persists, check --endpoint-url");
          }
        } while (token != null);
        return all;
      } catch (SdkException e) {
        throw failure(r, "DescribeAlarms", e, "cloudwatch:DescribeAlarms");
      }
    });
  }

  static boolean watches(MetricAlarm a, AlarmRequirement req) {
    if (req.query() != null) {
      return a.hasMetrics() && a.metrics().stream()
          .anyMatch(q -> q.expression() != null && normalise(q.expression()).equals(normalise(req.query())));
    }
    if (req.namespace().equals(a.namespace()) && req.metric().equals(a.metricName())
        && dims(a.dimensions()).equals(req.dimensions())) {
      return true;
    }
    return a.hasMetrics() && a.metrics().stream().anyMatch(q -> q.metricStat() != null
        && req.namespace().equals(q.metricStat().metric().namespace())
        && req.metric().equals(q.metricStat().metric().metricName())
        && dims(q.metricStat().metric().dimensions()).equals(req.dimensions()));
  }

  private List<Finding> problems(MetricAlarm a, AlarmRequirement req, String region, Duration insufficientMax) {
    List<Finding> out = new ArrayList<>();
    String name = a.alarmName();
    if (req.actionsRequired()) {
      String why = silent(a);
      if (why != null) {
        out.add(finding(AwsRules.ALARM002, req, region, name, "alarm " + name + " " + why));
      }
    }
    String looser = req.bound().looser(a.comparisonOperatorAsString(), a.threshold());
    if (looser == null && req.statistic() != null) {
      String stat = statistic(a, req);
      if (stat != null && !req.statistic().equalsIgnoreCase(stat)) {
        looser = "statistic " + stat + " is not the required " + req.statistic();
      }
    }
    if (looser != null) {
      out.add(finding(AwsRules.ALARM003, req, region, name, "alarm " + name + ": " + looser));
    }
    if (a.stateValue() == StateValue.INSUFFICIENT_DATA && a.stateUpdatedTimestamp() != null) {
      Duration stuck = Duration.between(a.stateUpdatedTimestamp(), now);
      if (stuck.compareTo(insufficientMax) > 0) {
        out.add(finding(AwsRules.ALARM004, req, region, name, "alarm " + name + " has had insufficient data since "
            + a.stateUpdatedTimestamp() + " (" + hours(stuck) + "; allowed " + hours(insufficientMax)
            + "): is " + req.watches() + " published?"));
      }
    }
    return out;
  }

  /** Why the alarm notifies nobody, or {@code null}. */
  private String silent(MetricAlarm a) {
    if (Boolean.FALSE.equals(a.actionsEnabled())) {
      return "has its actions disabled";
    }
    if (!a.hasAlarmActions() || a.alarmActions().isEmpty()) {
      return "has no alarm actions";
    }
    for (String arn : a.alarmActions()) {
      if (arn.startsWith("arn:") && arn.split(":", 6).length == 6 && arn.split(":", 6)[2].equals("sns")
          && !topicExists(arn)) {
        return "notifies SNS topic " + arn + ", which does not exist";
      }
    }
    return null;
  }

  private boolean topicExists(String arn) {
    return topicExists.computeIfAbsent(arn, t -> {
      String region = t.split(":", 6)[3];
      try {
        sns.apply(region).getTopicAttributes(g -> g.topicArn(t));
        return true;
      } catch (AwsServiceException e) {
        if ("NotFound".equals(Remediator.code(e)) || e.statusCode() == 404) {
          return false;
        }
        throw failure(region, "GetTopicAttributes", e, "sns:GetTopicAttributes");
      } catch (SdkException e) {
        throw failure(region, "GetTopicAttributes", e, "sns:GetTopicAttributes");
      }
    });
  }

  private static String statistic(MetricAlarm a, AlarmRequirement req) {
    if (a.statisticAsString() != null) {
      return a.statisticAsString();
    }
    if (a.extendedStatistic() != null) {
      return a.extendedStatistic();
    }
    if (a.hasMetrics()) {
      for (MetricDataQuery q : a.metrics()) {
        if (q.metricStat() != null && Objects.equals(req.metric(), q.metricStat().metric().metricName())) {
          return q.metricStat().stat();
        }
      }
    }
    return null;
  }

  private static Map<String, String> dims(List<Dimension> ds) {
    Map<String, String> m = new HashMap<>();
    if (ds != null) {
      ds.forEach(d -> m.put(d.name(), d.value()));
    }
    return m;
  }

  private static String normalise(String q) {
    return q.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static String hours(Duration d) {
    long h = d.toHours();
    return h >= 1 ? h + "h" : d.toMinutes() + "m";
  }

  private static Finding finding(RuleMetadata rule, AlarmRequirement req, String region, String alarm, String msg) {
    return Finding.builder(rule).resource(alarm).message(msg)
        .location(Location.pointer("cloudwatch://" + region, req.id()))
        .key(req.id())
        .detail("requirement", req.id())
        .detail("watches", req.watches())
        .detail("threshold_bound", AlarmRequirement.Bound.fmt(req.bound().threshold()))
        .build();
  }

  static InputException failure(String region, String operation, SdkException e, String action) {
    AwsErrors.Explained x = AwsErrors.explain(e, "examples/iam/alarms.json", action);
    return new InputException("cloudwatch://" + region, operation, operation + " failed: " + x.problem(), x.hint(), e);
  }
}
