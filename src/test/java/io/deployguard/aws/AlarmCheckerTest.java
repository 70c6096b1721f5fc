package io.deployguard.aws;

import static io.deployguard.testing.CloudWatchStub.metricAlarm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.testing.CloudWatchStub;
import io.deployguard.testing.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlarmCheckerTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final AlarmRequirement DISK = AlarmRequirement.nodeDisk("prod", 80, null);
  private CloudWatchStub cw;
  private AwsClients stubClients;
  private AwsClients moto;
  private String topic;

  @BeforeEach
  void start() {
    MotoServer m = MotoServer.shared();
    m.reset();
    moto = m.clients();
    topic = moto.sns(MotoServer.REGION).createTopic(c -> c.name("oncall")).topicArn();
    cw = CloudWatchStub.start();
    stubClients = new AwsClients(null, cw.endpoint(), 2, List.of());
  }

  @AfterEach
  void stop() {
    cw.close();
  }

  private AlarmChecker checker() {
    return new AlarmChecker(stubClients::cloudWatch, moto::sns, NOW);
  }

  private AlarmChecker.Report check(AlarmRequirement... reqs) {
    return checker().check(List.of(reqs), Duration.ofHours(24), MotoServer.REGION);
  }

  private Map<String, Object> diskAlarm(String stat, String op, double threshold, List<String> actions) {
    return metricAlarm("prod-disk", "ContainerInsights", "node_filesystem_utilization", Map.of("ClusterName", "prod"),
        stat, op, threshold, actions);
  }

  @Test
  void noDiskAlarm_isReportedMissing() {
    cw.alarms(List.of(metricAlarm("cpu", "AWS/EC2", "CPUUtilization", Map.of(), "Average",
        "GreaterThanThreshold", 90, List.of(topic))), 100);

    AlarmChecker.Report r = check(DISK);

    assertThat(r.findings()).extracting(Finding::ruleId).containsExactly("ALARM001");
    assertThat(r.findings().get(0).message()).contains("node_filesystem_utilization").contains("ClusterName=prod");
    assertThat(r.missing()).containsExactly(DISK);
    assertThat(cw.allRequestsSpokeCbor()).isTrue();
    assertThat(cw.requests("DescribeAlarms").get(0).get("AlarmTypes").get(0).asText()).isEqualTo("MetricAlarm");
  }

  @Test
  void snapshot_holdsTheAlarmsAsReadAndTheTopicsAskedAbout_inTheFixtureShape() {
    cw.alarms(List.of(diskAlarm("Maximum", "GreaterThanOrEqualToThreshold", 80, List.of(topic))), 100);

    AlarmSnapshot s = checker().read(List.of(DISK), MotoServer.REGION);

    assertThat(s.alarmsIn(MotoServer.REGION)).containsExactly(new LiveAlarm("prod-disk", "ContainerInsights",
        "node_filesystem_utilization", Map.of("ClusterName", "prod"), List.of(), "GreaterThanOrEqualToThreshold",
        80.0, "Maximum", null, true, List.of(topic), "OK", Instant.parse("2026-05-01T00:00:00Z")));
    assertThat(s.topics()).containsExactly(Map.entry(topic, true));
    assertThat(s.readAt()).isEqualTo(NOW);
    assertThat(AwsRules.judgeAlarms(List.of(DISK), s, Duration.ofHours(24), MotoServer.REGION).findings()).isEmpty();
  }

  @Test
  void tightEnabledDiskAlarmWithALiveTopic_passes() {
    cw.alarms(List.of(diskAlarm("Maximum", "GreaterThanOrEqualToThreshold", 80, List.of(topic))), 100);

    assertThat(check(DISK).findings()).isEmpty();
  }

  @Test
  void alarmOnTheSecondPage_isFound() {
    List<Map<String, Object>> alarms = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      alarms.add(metricAlarm("other-" + i, "AWS/EC2", "CPUUtilization", Map.of(), "Average", "GreaterThanThreshold", 90,
          List.of(topic)));
    }
    alarms.add(diskAlarm("Maximum", "GreaterThanThreshold", 75, List.of(topic)));
    cw.alarms(alarms, 3);

    AlarmChecker.Report r = check(DISK);

    assertThat(r.findings()).isEmpty();
    assertThat(r.alarmsRead()).isEqualTo(6);
    List<JsonNode> reqs = cw.requests("DescribeAlarms");
    assertThat(reqs).hasSize(2);
    assertThat(reqs.get(1).get("NextToken").asText()).isEqualTo("page-1");
  }

  @Test
  void looserThresholdOrSmoothingStatistic_isReported() {
    cw.alarms(List.of(diskAlarm("Maximum", "GreaterThanOrEqualToThreshold", 90, List.of(topic))), 100);
    assertThat(check(DISK).findings()).extracting(Finding::ruleId).containsExactly("ALARM003");
    assertThat(check(DISK).findings().get(0).message()).contains("threshold 90 is above the required maximum 80");
  }

  @Test
  void averageStatistic_isLooserThanMaximum() {
    cw.alarms(List.of(diskAlarm("Average", "GreaterThanOrEqualToThreshold", 80, List.of(topic))), 100);
    assertThat(check(DISK).findings()).extracting(Finding::message)
        .containsExactly("alarm prod-disk: statistic Average is not the required Maximum");
  }

  @Test
  void wrongDirection_isReported() {
    cw.alarms(List.of(diskAlarm("Maximum", "LessThanThreshold", 80, List.of(topic))), 100);
    assertThat(check(DISK).findings()).extracting(Finding::ruleId).containsExactly("ALARM003");
  }

  @Test
  void disabledEmptyOrDeadTopicActions_areReported() {
    Map<String, Object> disabled = new java.util.LinkedHashMap<>(diskAlarm("Maximum", "GreaterThanThreshold", 80,
        List.of(topic)));
    disabled.put("ActionsEnabled", false);
    cw.alarms(List.of(disabled), 100);
    assertThat(check(DISK).findings()).extracting(Finding::message).containsExactly("alarm prod-disk has its actions disabled");

    cw.server().resetAll();
    cw.alarms(List.of(diskAlarm("Maximum", "GreaterThanThreshold", 80, List.of())), 100);
    assertThat(new AlarmChecker(stubClients::cloudWatch, moto::sns, NOW).check(List.of(DISK), Duration.ofHours(1),
        MotoServer.REGION).findings()).extracting(Finding::message).containsExactly("alarm prod-disk has no alarm actions");

    cw.server().resetAll();
    String dead = topic + "-deleted";
    cw.alarms(List.of(diskAlarm("Maximum", "GreaterThanThreshold", 80, List.of(dead))), 100);
    assertThat(new AlarmChecker(stubClients::cloudWatch, moto::sns, NOW).check(List.of(DISK), Duration.ofHours(1),
        MotoServer.REGION).findings()).extracting(Finding::message)
        .containsExactly("alarm prod-disk notifies SNS topic " + dead + ", which does not exist");
  }

  @Test
  void insufficientDataLongerThanAllowed_isReported() {
    Map<String, Object> stuck = new java.util.LinkedHashMap<>(diskAlarm("Maximum", "GreaterThanThreshold", 80,
        List.of(topic)));
    stuck.put("StateValue", "INSUFFICIENT_DATA");
    stuck.put("StateUpdatedTimestamp", NOW.minus(Duration.ofHours(72)));
    cw.alarms(List.of(stuck), 100);

    assertThat(check(DISK).findings()).extracting(Finding::ruleId).containsExactly("ALARM004");
    assertThat(checker().check(List.of(DISK), Duration.ofHours(96), MotoServer.REGION).findings()).isEmpty();
  }

  @Test
  void metricsInsightsRequirement_matchesTheAlarmsQuery() {
    String query = "SELECT MAX(node_filesystem_utilization) FROM SCHEMA(ContainerInsights, ClusterName)";
    Map<String, Object> alarm = new java.util.LinkedHashMap<>();
    alarm.put("AlarmName", "fleet-disk");
    alarm.put("ActionsEnabled", true);
    alarm.put("AlarmActions", List.of(topic));
    alarm.put("StateValue", "OK");
    alarm.put("Threshold", 80.0);
    alarm.put("ComparisonOperator", "GreaterThanThreshold");
    alarm.put("Metrics", List.of(Map.of("Id", "q1", "Expression", "select  max(node_filesystem_utilization)  FROM"
        + " SCHEMA(ContainerInsights, ClusterName)", "Period", 300, "ReturnData", true)));
    cw.alarms(List.of(alarm), 100);
    AlarmRequirement req = new AlarmRequirement("fleet-disk", "fleet disk", null, null, null, Map.of(), query, null,
        AlarmRequirement.Bound.of("GreaterThanOrEqualToThreshold", 80), true, 300, 1);

    assertThat(check(req).findings()).isEmpty();
  }

  @Test
  void createMissing_writesTheTemplateWithPutMetricAlarmOnlyWithApply() {
    cw.alarms(List.of(), 100);
    AlarmChecker c = checker();
    AlarmChecker.Report r = c.check(List.of(DISK), Duration.ofHours(24), MotoServer.REGION);

    List<String> dry = c.createMissing(r, List.of(topic), false, MotoServer.REGION);
    assertThat(dry).singleElement().asString().startsWith("would create deployguard-eks-node-disk-prod");
    assertThat(cw.requests("PutMetricAlarm")).isEmpty();

    List<String> done = c.createMissing(r, List.of(topic), true, MotoServer.REGION);
    assertThat(done).singleElement().asString().startsWith("created deployguard-eks-node-disk-prod");
    JsonNode put = cw.requests("PutMetricAlarm").get(0);
    assertThat(put.get("AlarmName").asText()).isEqualTo("deployguard-eks-node-disk-prod");
    assertThat(put.get("Namespace").asText()).isEqualTo("ContainerInsights");
    assertThat(put.get("MetricName").asText()).isEqualTo("node_filesystem_utilization");
    assertThat(put.get("Dimensions").get(0).get("Value").asText()).isEqualTo("prod");
    assertThat(put.get("Statistic").asText()).isEqualTo("Maximum");
    assertThat(put.get("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
    assertThat(put.get("Threshold").asDouble()).isEqualTo(80.0);
    assertThat(put.get("AlarmActions").get(0).asText()).isEqualTo(topic);
  }

  @Test
  void throttlingThatOutlastsTheRetries_failsTheCheckWithAClearError() {
    cw.fail("DescribeAlarms", 400, "Throttling", "Rate exceeded");

    assertThatThrownBy(() -> check(DISK)).isInstanceOf(InputException.class)
        .hasMessageContaining("cloudwatch://us-east-1: DescribeAlarms: DescribeAlarms failed: Throttling: Rate exceeded");
    assertThat(cw.requests("DescribeAlarms")).hasSize(2);
  }

  @Test
  void serverErrorsAndMalformedAnswers_failTheCheck() {
    cw.fail("DescribeAlarms", 500, "InternalServiceFault", "boom");
    assertThatThrownBy(() -> check(DISK)).isInstanceOf(InputException.class).hasMessageContaining("InternalServiceFault");

    cw.server().resetAll();
    cw.malformed("DescribeAlarms");
    assertThatThrownBy(() -> check(DISK)).isInstanceOf(InputException.class).hasMessageContaining("DescribeAlarms failed");
  }

  @Test
  void accessDenied_namesTheMissingAction() {
    cw.fail("DescribeAlarms", 403, "AccessDenied", "not authorized to perform cloudwatch:DescribeAlarms");
    assertThatThrownBy(() -> check(DISK)).isInstanceOf(InputException.class)
        .hasMessageContaining("grant cloudwatch:DescribeAlarms");
  }
}
