package io.deployguard.aws;

import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Reads what the alarm rules (ALARM001-ALARM004, {@link AwsRules#ALARMS}) judge into an {@link
 * AlarmSnapshot}, and writes missing alarms. Reads every metric alarm of each region once ({@code
 * DescribeAlarms}, paginated, {@code AlarmTypes=MetricAlarm}: composite alarms watch no metric of
 * their own) and checks each SNS action with {@code GetTopicAttributes}. {@link #createMissing}
 * writes the missing ones with {@code PutMetricAlarm}.
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
  private final Map<String, List<LiveAlarm>> alarmsByRegion = new HashMap<>();
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
    AlarmSnapshot snapshot = read(requirements, defaultRegion);
    AwsRules.AlarmFindings judged = AwsRules.judgeAlarms(requirements, snapshot, insufficientDataMax, defaultRegion);
    return new Report(judged.findings(), judged.missing(), snapshot.alarmCount());
  }

  /**
   * Reads what the alarm rules judge, in the order they ask for it: each requirement's region
   * once, then the SNS topics of the alarms that watch a requirement asking for actions, up to
   * the first topic that does not exist (the rule says no more than that).
   */
  AlarmSnapshot read(List<AlarmRequirement> requirements, String defaultRegion) {
    for (AlarmRequirement req : requirements) {
      List<LiveAlarm> all = alarms(region(req, defaultRegion));
      if (!req.actionsRequired()) {
        continue;
      }
      for (LiveAlarm a : all) {
        if (a.watches(req)) {
          for (String arn : a.snsTopics()) {
            if (!topicExists(arn)) {
              break;
            }
          }
        }
      }
    }
    return new AlarmSnapshot(alarmsByRegion, topicExists, now);
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

  private List<LiveAlarm> alarms(String region) {
    return alarmsByRegion.computeIfAbsent(region, r -> {
      try {
        List<LiveAlarm> all = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        String token = null;
        do {
          String page = token;
          var resp = cloudWatch.apply(r).describeAlarms(d -> d.alarmTypes(AlarmType.METRIC_ALARM).maxRecords(100)
              .nextToken(page));
          resp.metricAlarms().forEach(a -> all.add(LiveAlarm.of(a)));
          token = resp.nextToken() == null || resp.nextToken().isEmpty() ? null : resp.nextToken();
          if (token != null && !seen.add(token)) {
            throw new InputException("cloudwatch://" + r, "DescribeAlarms", "CloudWatch answered the same NextToken"
                + " twice; stopped reading instead of looping", "run again; if it persists, check --endpoint-url");
          }
        } while (token != null);
        return List.copyOf(all);
      } catch (SdkException e) {
        throw failure(r, "DescribeAlarms", e, "cloudwatch:DescribeAlarms");
      }
    });
  }

  private boolean topicExists(String arn) {
    return topicExists.computeIfAbsent(arn, t -> {
      String region = t.split(":", 6)[3];
      try {
        sns.apply(region).getTopicAttributes(g -> g.topicArn(t));
        return true;
      } catch (AwsServiceException e) {
        if ("NotFound".equals(AwsErrors.code(e)) || e.statusCode() == 404) {
          return false;
        }
        throw failure(region, "GetTopicAttributes", e, "sns:GetTopicAttributes");
      } catch (SdkException e) {
        throw failure(region, "GetTopicAttributes", e, "sns:GetTopicAttributes");
      }
    });
  }

  static InputException failure(String region, String operation, SdkException e, String action) {
    AwsErrors.Explained x = AwsErrors.explain(e, "examples/iam/alarms.json", action);
    return new InputException("cloudwatch://" + region, operation, operation + " failed: " + x.problem(), x.hint(), e);
  }
}
